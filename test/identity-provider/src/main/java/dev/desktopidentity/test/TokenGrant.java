package dev.desktopidentity.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a token response is issued for.
 *
 * @param user the signed-in user
 * @param clientId the client id
 * @param scopes the granted scopes
 * @param nonce the nonce of the authorization request, for the ID token
 * @param claims the requested claims
 */
record TokenGrant(LocalUser user, String clientId, List<String> scopes, @Nullable String nonce,
		RequestedClaims claims) {

	TokenGrant withScopes(List<String> newScopes) {
		return new TokenGrant(this.user, this.clientId, newScopes, this.nonce, this.claims);
	}

	TokenGrant withClaims(RequestedClaims newClaims) {
		return new TokenGrant(this.user, this.clientId, this.scopes, this.nonce, newClaims);
	}

}
