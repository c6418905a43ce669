package dev.desktopidentity.test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Issued refresh tokens, rotated on each use. Every token descends from one sign-in and
 * belongs to that sign-in's family; using a rotated token again revokes the whole family.
 * Tokens are kept by their SHA-256 hash only, so that a provider that keeps its state
 * writes no token to the disk. Thread-safe.
 */
final class RefreshTokenStore {

	private static final Duration RETENTION = Duration.ofHours(1);

	private final Map<String, Entry> tokens = new HashMap<>();

	private final Set<String> revokedFamilies = new HashSet<>();

	private final Duration lifetime;

	private volatile Runnable changed = () -> {
	};

	RefreshTokenStore(Duration lifetime) {
		this.lifetime = lifetime;
	}

	/**
	 * Set what runs after every change, such as saving the provider's state.
	 * @param changed what runs
	 */
	void onChange(Runnable changed) {
		this.changed = changed;
	}

	String issue(String familyId, TokenGrant grant) {
		String token = Randoms.opaque();
		synchronized (this) {
			Instant now = Instant.now();
			this.tokens.values().removeIf((entry) -> now.isAfter(entry.expiresAt.plus(RETENTION)));
			this.tokens.put(hash(token), new Entry(familyId, grant, now.plus(this.lifetime)));
		}
		this.changed.run();
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
	Entry redeem(String token, String clientId, Consumer<TokenGrant> check) {
		try {
			synchronized (this) {
				Entry entry = this.tokens.get(hash(token));
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
		}
		finally {
			this.changed.run();
		}
	}

	/**
	 * Revoke a refresh token at its client's request (RFC 7009): its family, so that
	 * neither it nor any token rotated from it works any more. An unknown token is
	 * ignored, as RFC 7009 asks.
	 * @param token the refresh token
	 * @param clientId the client asking
	 * @return whether the token was issued to another client, which may not revoke it
	 */
	boolean revoke(String token, String clientId) {
		synchronized (this) {
			Entry entry = this.tokens.get(hash(token));
			if (entry == null) {
				return true;
			}
			if (!entry.grant.clientId().equals(clientId)) {
				return false;
			}
			this.revokedFamilies.add(entry.familyId);
		}
		this.changed.run();
		return true;
	}

	void revokeFamily(String familyId) {
		synchronized (this) {
			this.revokedFamilies.add(familyId);
		}
		this.changed.run();
	}

	void revokeUser(LocalUser user) {
		synchronized (this) {
			this.tokens.values()
				.stream()
				.filter((entry) -> entry.grant.user().objectId().equals(user.objectId()))
				.forEach((entry) -> this.revokedFamilies.add(entry.familyId));
		}
		this.changed.run();
	}

	void expireAll() {
		synchronized (this) {
			this.tokens.values().forEach((entry) -> entry.forcedExpired = true);
		}
		this.changed.run();
	}

	/**
	 * Return the tokens and revoked families, to save them.
	 * @return the saved form
	 */
	synchronized Saved save() {
		List<Saved.Token> saved = new ArrayList<>();
		this.tokens.forEach((hash, entry) -> saved.add(new Saved.Token(hash, entry.familyId, entry.grant.user().objectId()
			.toString(), entry.grant.clientId(), entry.grant.scopes(), entry.expiresAt, entry.rotated || entry.forcedExpired)));
		return new Saved(saved, List.copyOf(this.revokedFamilies));
	}

	/**
	 * Restore saved tokens, for the users that still exist.
	 * @param saved the saved form
	 * @param users the users
	 */
	synchronized void restore(Saved saved, Map<String, LocalUser> users) {
		for (Saved.Token token : saved.tokens()) {
			LocalUser user = users.get(token.userObjectId());
			if (user != null) {
				Entry entry = new Entry(token.familyId(), new TokenGrant(user, token.clientId(), token.scopes(), null,
						RequestedClaims.NONE), token.expiresAt());
				entry.rotated = token.used();
				this.tokens.put(token.hash(), entry);
			}
		}
		this.revokedFamilies.addAll(saved.revokedFamilies());
	}

	private static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
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

	/**
	 * The store as it is saved: hashes, never tokens.
	 *
	 * @param tokens the tokens
	 * @param revokedFamilies the revoked families
	 */
	record Saved(List<Token> tokens, List<String> revokedFamilies) {

		/**
		 * A saved token.
		 *
		 * @param hash the SHA-256 hash of the token
		 * @param familyId its family
		 * @param userObjectId the object ID of its user
		 * @param clientId its client
		 * @param scopes its scopes
		 * @param expiresAt when it expires
		 * @param used whether it was rotated or made to expire
		 */
		record Token(String hash, String familyId, String userObjectId, String clientId, List<String> scopes,
				Instant expiresAt, boolean used) {

		}

	}

}
