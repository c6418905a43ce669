package dev.desktopidentity.test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Issued refresh tokens, rotated on each use. Every token descends from one sign-in and
 * belongs to that sign-in's family; using a rotated token again revokes the whole family.
 * Thread-safe.
 */
final class RefreshTokenStore {

	private static final Duration RETENTION = Duration.ofHours(1);

	private final Map<String, Entry> tokens = new HashMap<>();

	private final Set<String> revokedFamilies = new HashSet<>();

	private final Duration lifetime;

	RefreshTokenStore(Duration lifetime) {
		this.lifetime = lifetime;
	}

	synchronized String issue(String familyId, TokenGrant grant) {
		Instant now = Instant.now();
		this.tokens.values().removeIf((entry) -> now.isAfter(entry.expiresAt.plus(RETENTION)));
		String token = Randoms.opaque();
		this.tokens.put(token, new Entry(familyId, grant, now.plus(this.lifetime)));
		return token;
	}

	/**
	 * Redeem a refresh token: check it and mark it rotated.
	 * @param token the refresh token
	 * @param clientId the client redeeming it
	 * @param check a check of the grant that may throw, before the token rotates
	 * @return the entry, whose family and grant the new tokens continue
	 * @throws OAuthException when the token is unknown, revoked, rotated, expired or
	 * issued to another client
	 */
	synchronized Entry redeem(String token, String clientId, Consumer<TokenGrant> check) {
		Entry entry = this.tokens.get(token);
		if (entry == null) {
			throw new OAuthException(AadError.MALFORMED_GRANT);
		}
		if (this.revokedFamilies.contains(entry.familyId)) {
			throw new OAuthException(AadError.REFRESH_TOKEN_REVOKED);
		}
		if (entry.rotated) {
			this.revokedFamilies.add(entry.familyId);
			throw new OAuthException(AadError.REFRESH_TOKEN_REVOKED);
		}
		if (entry.forcedExpired || Instant.now().isAfter(entry.expiresAt)) {
			throw new OAuthException(AadError.REFRESH_TOKEN_EXPIRED);
		}
		if (!entry.grant.clientId().equals(clientId)) {
			throw new OAuthException(AadError.INVALID_GRANT, "The refresh token was issued to a different client.");
		}
		check.accept(entry.grant);
		entry.rotated = true;
		return entry;
	}

	synchronized void revokeFamily(String familyId) {
		this.revokedFamilies.add(familyId);
	}

	synchronized void revokeUser(LocalUser user) {
		this.tokens.values()
			.stream()
			.filter((entry) -> entry.grant.user().objectId().equals(user.objectId()))
			.forEach((entry) -> this.revokedFamilies.add(entry.familyId));
	}

	synchronized void expireAll() {
		this.tokens.values().forEach((entry) -> entry.forcedExpired = true);
	}

	/**
	 * An issued refresh token.
	 */
	static final class Entry {

		private final String familyId;

		private final TokenGrant grant;

		private final Instant expiresAt;

		private boolean rotated;

		private boolean forcedExpired;

		private Entry(String familyId, TokenGrant grant, Instant expiresAt) {
			this.familyId = familyId;
			this.grant = grant;
			this.expiresAt = expiresAt;
		}

		String familyId() {
			return this.familyId;
		}

		TokenGrant grant() {
			return this.grant;
		}

	}

}
