package dev.desktopidentity.cache;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Where and how the token cache keeps tokens, for example for a {@code --status} command.
 *
 * @param protection how tokens are kept
 * @param location the cache directory, or {@code null} when tokens are not kept in a
 * file the starter knows
 * @param description one line for people, such as {@code encrypted with a key kept in the
 * Secret Service}; never contains a token
 * @since 0.1.0
 */
public record TokenCacheStatus(TokenCacheProtection protection, @Nullable Path location, String description) {

	/**
	 * Create a new instance.
	 * @param protection how tokens are kept
	 * @param location the cache directory, or {@code null}
	 * @param description one line for people
	 */
	public TokenCacheStatus {
		Assert.notNull(protection, "'protection' must not be null");
		Assert.notNull(description, "'description' must not be null");
	}

}
