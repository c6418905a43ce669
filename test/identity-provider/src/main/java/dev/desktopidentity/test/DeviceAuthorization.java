package dev.desktopidentity.test;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A device authorization request: its user code, what it asks for, and whether a user
 * approved or declined it.
 */
final class DeviceAuthorization {

	enum Status {

		PENDING, APPROVED, DECLINED, REDEEMED

	}

	private final String userCode;

	private final String clientId;

	private final List<String> scopes;

	private final RequestedClaims claims;

	private final Instant expiresAt;

	private final @Nullable String codeChallenge;

	private Status status = Status.PENDING;

	private @Nullable LocalUser user;

	private boolean forcedExpired;

	DeviceAuthorization(String userCode, String clientId, List<String> scopes, RequestedClaims claims,
			Instant expiresAt, @Nullable String codeChallenge) {
		this.userCode = userCode;
		this.clientId = clientId;
		this.scopes = scopes;
		this.claims = claims;
		this.expiresAt = expiresAt;
		this.codeChallenge = codeChallenge;
	}

	/**
	 * Return the S256 PKCE challenge of the device authorization request, which the
	 * token requests must answer with its verifier.
	 * @return the challenge, or {@code null} when the request had none
	 */
	@Nullable String codeChallenge() {
		return this.codeChallenge;
	}

	String userCode() {
		return this.userCode;
	}

	String clientId() {
		return this.clientId;
	}

	List<String> scopes() {
		return this.scopes;
	}

	synchronized boolean expired() {
		return this.forcedExpired || Instant.now().isAfter(this.expiresAt);
	}

	synchronized void expire() {
		this.forcedExpired = true;
	}

	synchronized boolean awaitingUser() {
		return this.status == Status.PENDING && !expired();
	}

	synchronized void approve(LocalUser approvingUser) {
		if (this.status == Status.PENDING) {
			this.status = Status.APPROVED;
			this.user = approvingUser;
		}
	}

	synchronized void decline() {
		if (this.status == Status.PENDING) {
			this.status = Status.DECLINED;
		}
	}

	/**
	 * Answer a poll of the token endpoint: the grant once approved (only once), or the
	 * error that tells the client how to go on.
	 * @return the grant
	 * @throws OAuthException while pending, when declined, expired or already redeemed
	 */
	synchronized TokenGrant poll() {
		if (this.status == Status.DECLINED) {
			throw new OAuthException(AadError.AUTHORIZATION_DECLINED);
		}
		if (this.status == Status.REDEEMED) {
			throw new OAuthException(AadError.INVALID_GRANT, "The device code was already redeemed.");
		}
		if (expired()) {
			throw new OAuthException(AadError.DEVICE_CODE_EXPIRED);
		}
		if (this.status == Status.PENDING || this.user == null) {
			throw new OAuthException(AadError.AUTHORIZATION_PENDING);
		}
		this.status = Status.REDEEMED;
		return new TokenGrant(this.user, this.clientId, this.scopes, null, this.claims);
	}

}
