package dev.desktopidentity.cache;

/**
 * A cache file that cannot be read: damaged, truncated, or encrypted with another key.
 * The message says which, and never contains the file's content.
 */
class UnreadableCacheException extends Exception {

	UnreadableCacheException(String message) {
		super(message);
	}

}
