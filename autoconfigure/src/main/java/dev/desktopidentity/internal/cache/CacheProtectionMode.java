package dev.desktopidentity.internal.cache;

/**
 * Where the token cache may keep tokens.
 */
public enum CacheProtectionMode {

	/**
	 * In a file encrypted with a key in the operating system's secret store; without a
	 * working store, in a plain file only if unprotected files are allowed, else fail.
	 */
	AUTO,

	/**
	 * In a file encrypted with a key in the operating system's secret store, or fail.
	 */
	OS,

	/**
	 * In a plain file readable only by the user.
	 */
	NONE

}
