package dev.desktopidentity;

import java.util.Locale;

/**
 * Where an {@link AccessToken} came from.
 *
 * @since 0.1.0
 */
public enum TokenSource {

	/**
	 * The token cache: no request to the identity provider.
	 */
	CACHE,

	/**
	 * The identity provider, for the cached refresh token: no user interaction.
	 */
	REFRESH_TOKEN,

	/**
	 * Interactive sign-in in a browser (or a custom web UI).
	 */
	BROWSER,

	/**
	 * Interactive sign-in with a device code.
	 */
	DEVICE_CODE,

	/**
	 * Made by the application, for example in a test.
	 */
	OTHER;

	/**
	 * Return the name used in metrics and logs, such as {@code refresh-token}.
	 * @return the name
	 */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
