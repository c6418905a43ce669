package dev.desktopidentity.cache;

import dev.desktopidentity.TokenAcquisitionException;

/**
 * Thrown on first use of the token cache when its configured protection cannot work on
 * this machine, for example when {@code identity.cache.protection} is {@code auto} and no
 * operating-system secret store answers. The message says how to enable one or how to opt
 * in to a plain file.
 *
 * @since 0.1.0
 */
public class TokenCacheUnavailableException extends TokenAcquisitionException {

	/**
	 * Create a new instance.
	 * @param message what failed and how to fix it
	 */
	public TokenCacheUnavailableException(String message) {
		super(message, "token_cache_unavailable", null);
	}

}
