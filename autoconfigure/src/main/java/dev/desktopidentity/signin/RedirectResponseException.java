package dev.desktopidentity.signin;

/**
 * Thrown when the request that reached the loopback redirect URI is not a usable
 * authorization response, for example because it carries neither a code nor an error.
 * The message never contains a received value.
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
