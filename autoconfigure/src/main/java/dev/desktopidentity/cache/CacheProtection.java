package dev.desktopidentity.cache;

/**
 * How the token cache protects tokens on the disk.
 *
 * @since 0.1.0
 */
public enum CacheProtection {

	/**
	 * Encrypt the cache with a key kept in the operating system's secret store. Without a
	 * working store, fail at first use, or use a plain file readable only by the user when
	 * {@code identity.cache.allow-unprotected} is {@code true}.
	 */
	AUTO,

	/**
	 * Encrypt the cache with a key kept in the operating system's secret store, or fail at
	 * first use.
	 */
	OS,

	/**
	 * Keep the cache in a plain file readable only by the user.
	 */
	NONE

}
