package dev.desktopidentity.signin;

/**
 * Thrown when the parameters of a redirect cannot be read, for example because one is
 * repeated, or when the loopback redirect receiver stopped after an error. The message
 * never contains a received value.
 *
 * @since 0.1.0
 * @see LoopbackRedirectReceiver
 */
class RedirectResponseException extends IllegalStateException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 */
	public RedirectResponseException(String message) {
		super(message);
	}

}
