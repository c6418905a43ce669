package dev.desktopidentity.signin;

/**
 * Thrown when the request that reached the loopback redirect URI carries no
 * {@code state} or another {@code state} than the sign-in in progress sent: the response
 * belongs to another sign-in, or to someone trying to slip their own response in. The
 * message never contains a received value.
 *
 * @since 0.1.0
 * @see LoopbackRedirectReceiver
 */
class RedirectStateMismatchException extends RedirectResponseException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 */
	public RedirectStateMismatchException(String message) {
		super(message);
	}

}
