package dev.desktopidentity.test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An authorization code and what it is bound to: client, redirect URI, PKCE challenge,
 * scopes, nonce and user. The refresh token family is fixed at issue so that replaying
 * the code can revoke the tokens issued from it.
 */
final class IssuedCode {

	private final TokenGrant grant;

	private final String redirectUri;

	private final String codeChallenge;

	private final String familyId;

	private final Instant expiresAt;

	private final AtomicBoolean redeemed = new AtomicBoolean();

	private volatile boolean forcedExpired;

	IssuedCode(TokenGrant grant, String redirectUri, String codeChallenge, Instant expiresAt) {
		this.grant = grant;
		this.redirectUri = redirectUri;
		this.codeChallenge = codeChallenge;
		this.familyId = Randoms.opaque();
		this.expiresAt = expiresAt;
	}

	TokenGrant grant() {
		return this.grant;
	}

	String redirectUri() {
		return this.redirectUri;
	}

	String codeChallenge() {
		return this.codeChallenge;
	}

	String familyId() {
		return this.familyId;
	}

	boolean redeemed() {
		return this.redeemed.get();
	}

	/**
	 * Mark the code redeemed.
	 * @return {@code false} when it already was
	 */
	boolean redeem() {
		return this.redeemed.compareAndSet(false, true);
	}

	boolean expired(Instant now) {
		return this.forcedExpired || now.isAfter(this.expiresAt);
	}

	void expire() {
		this.forcedExpired = true;
	}

}
