package dev.desktopidentity;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * An access token with what an application needs to know about it. Its
 * {@link #toString()} never shows the token.
 *
 * @since 0.1.0
 */
public final class AccessToken {

	private final String tokenValue;

	private final Instant expiresAt;

	private final Set<String> scopes;

	private final SignedInAccount account;

	private final @Nullable Instant refreshAt;

	private final TokenSource source;

	/**
	 * Create a new instance.
	 * @param tokenValue the access token
	 * @param expiresAt when the token expires
	 * @param scopes the scopes the token was issued for
	 * @param account the account the token was issued to
	 */
	public AccessToken(String tokenValue, Instant expiresAt, Set<String> scopes, SignedInAccount account) {
		this(tokenValue, expiresAt, scopes, account, null);
	}

	/**
	 * Create a new instance with the identity provider's hint of when to renew the token.
	 * @param tokenValue the access token
	 * @param expiresAt when the token expires
	 * @param scopes the scopes the token was issued for
	 * @param account the account the token was issued to
	 * @param refreshAt when to renew the token ahead of its expiry, or {@code null} when
	 * the identity provider gave no hint
	 * @since 0.1.0
	 */
	public AccessToken(String tokenValue, Instant expiresAt, Set<String> scopes, SignedInAccount account,
			@Nullable Instant refreshAt) {
		this(tokenValue, expiresAt, scopes, account, refreshAt, TokenSource.OTHER);
	}

	/**
	 * Create a new instance that says where the token came from.
	 * @param tokenValue the access token
	 * @param expiresAt when the token expires
	 * @param scopes the scopes the token was issued for
	 * @param account the account the token was issued to
	 * @param refreshAt when to renew the token ahead of its expiry, or {@code null} when
	 * the identity provider gave no hint
	 * @param source where the token came from
	 */
	public AccessToken(String tokenValue, Instant expiresAt, Set<String> scopes, SignedInAccount account,
			@Nullable Instant refreshAt, TokenSource source) {
		Assert.notNull(source, "'source' must not be null");
		Assert.hasText(tokenValue, "'tokenValue' must not be empty");
		Assert.notNull(expiresAt, "'expiresAt' must not be null");
		Assert.notNull(scopes, "'scopes' must not be null");
		Assert.notNull(account, "'account' must not be null");
		this.tokenValue = tokenValue;
		this.expiresAt = expiresAt;
		this.scopes = Set.copyOf(scopes);
		this.account = account;
		this.refreshAt = refreshAt;
		this.source = source;
	}

	/**
	 * Return where the token came from: the cache, the refresh token or a sign-in.
	 * @return the source
	 */
	public TokenSource getSource() {
		return this.source;
	}

	/**
	 * Return the access token, to send as {@code Authorization: Bearer <token>}.
	 * @return the access token
	 */
	public String getTokenValue() {
		return this.tokenValue;
	}

	/**
	 * Return when the token expires.
	 * @return the expiry
	 */
	public Instant getExpiresAt() {
		return this.expiresAt;
	}

	/**
	 * Return the scopes the token was issued for.
	 * @return the scopes
	 */
	public Set<String> getScopes() {
		return this.scopes;
	}

	/**
	 * Return the account the token was issued to.
	 * @return the account
	 */
	public SignedInAccount getAccount() {
		return this.account;
	}

	/**
	 * Return when the identity provider suggests renewing the token, ahead of its expiry
	 * ({@code refresh_in} of the token response).
	 * @return the suggested renewal time, or {@code null} when there is no hint
	 */
	public @Nullable Instant getRefreshAt() {
		return this.refreshAt;
	}

	@Override
	public String toString() {
		return "AccessToken[scopes=" + this.scopes + ", expiresAt=" + this.expiresAt + ", account="
				+ this.account.username() + "]";
	}

}
