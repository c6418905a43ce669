package dev.desktopidentity.cache;

/**
 * How the token cache keeps tokens between runs.
 *
 * @since 0.1.0
 * @see TokenCacheStatus
 */
public enum TokenCacheProtection {

	/**
	 * Tokens are kept in a file encrypted with a key held by the operating system's secret
	 * store: the Secret Service (GNOME Keyring, KWallet) on Linux, the login keychain on
	 * macOS, the data protection API (DPAPI) of the user on Windows.
	 */
	OS_STORE,

	/**
	 * Tokens are kept in a plain file that only the user may read.
	 */
	UNPROTECTED_FILE,

	/**
	 * Tokens are kept in memory only and are gone when the application stops.
	 */
	MEMORY,

	/**
	 * The application supplies its own MSAL4J token cache; how it keeps tokens is not
	 * known.
	 */
	APPLICATION_DEFINED,

	/**
	 * The configured protection cannot work on this machine; the description says why and
	 * how to fix it.
	 */
	UNAVAILABLE

}
