package dev.desktopidentity.signin;

import dev.desktopidentity.InteractionRequiredException;
import dev.desktopidentity.InteractiveTokenProvider;

/**
 * How {@link InteractiveTokenProvider} signs the user in when the token cache cannot
 * answer ({@code identity.interactive.mode}).
 *
 * @since 0.1.0
 */
public enum InteractiveMode {

	/**
	 * The browser when one can be opened here, else a device code; if the browser cannot
	 * be launched after all, the sign-in URL is shown and a device code offered with it.
	 */
	AUTO,

	/**
	 * The system browser (or a {@link CustomWebUi}) and a loopback redirect; if no
	 * browser can be launched, the sign-in URL is shown for the user to open.
	 */
	BROWSER,

	/**
	 * A device code, entered on a verification page on any device.
	 */
	DEVICE_CODE,

	/**
	 * Never sign in interactively: fail with an {@link InteractionRequiredException}
	 * that says how to sign in. For CI and batch jobs.
	 */
	NONE

}
