package dev.desktopidentity.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import org.jspecify.annotations.Nullable;

/**
 * The token endpoint: authorization code (with PKCE), refresh token (with rotation and
 * reuse detection) and device code grants, the latter under both MSAL's
 * {@code device_code} and the RFC 8628 grant type.
 */
final class TokenHandler implements CallHandler {

	private static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

	private final ProviderContext context;

	TokenHandler(ProviderContext context) {
		this.context = context;
	}

	@Override
	public void handle(HttpCall call, String tenant) throws IOException {
		BackChannel.requirePost(call);
		String clientId = BackChannel.requireClient(call, this.context);
		String grantType = BackChannel.require(call, "grant_type");
		Map<String, Object> response = switch (grantType) {
			case "authorization_code" -> authorizationCode(call, clientId);
			case "refresh_token" -> refreshToken(call, clientId);
			case DEVICE_CODE_GRANT -> deviceCode(call, clientId);
			case "device_code" -> {
				if (this.context.urls().paths().isStrictOidc()) {
					throw new OAuthException(AadError.UNSUPPORTED_GRANT_TYPE, grantType);
				}
				yield deviceCode(call, clientId);
			}
			default -> throw new OAuthException(AadError.UNSUPPORTED_GRANT_TYPE, grantType);
		};
		this.context.requests()
			.recordIssued(List.of(response.getOrDefault("access_token", ""), response.getOrDefault("refresh_token", ""),
					response.getOrDefault("id_token", "")));
		call.json(200, response);
	}

	private Map<String, Object> authorizationCode(HttpCall call, String clientId) {
		IssuedCode code = this.context.codes().find(BackChannel.require(call, "code"));
		if (code == null) {
			throw new OAuthException(AadError.INVALID_GRANT, "The provided value for the 'code' parameter is not valid.");
		}
		if (code.redeemed()) {
			throw replayed(code);
		}
		if (code.expired(Instant.now())) {
			throw new OAuthException(AadError.GRANT_EXPIRED);
		}
		if (!code.grant().clientId().equals(clientId)) {
			throw new OAuthException(AadError.INVALID_GRANT,
					"The provided value for the 'code' parameter is not valid. The code was issued to a different client.");
		}
		String redirectUri = BackChannel.require(call, "redirect_uri");
		if (!code.redirectUri().equals(redirectUri)) {
			throw new OAuthException(AadError.REPLY_ADDRESS_MISMATCH, redirectUri);
		}
		verifyPkce(call.parameter("code_verifier"), code.codeChallenge());
		TokenGrant grant = narrowed(call, code.grant());
		ensureConsent(grant);
		if (!code.redeem()) {
			throw replayed(code);
		}
		return issue(grant, code.familyId());
	}

	private OAuthException replayed(IssuedCode code) {
		this.context.refreshTokens().revokeFamily(code.familyId());
		return new OAuthException(AadError.CODE_REDEEMED);
	}

	private static void verifyPkce(@Nullable String verifier, String challenge) {
		if (!pkceMatches(verifier, challenge)) {
			throw new OAuthException(AadError.PKCE_MISMATCH);
		}
	}

	private static boolean pkceMatches(@Nullable String verifier, String challenge) {
		if (verifier == null) {
			return false;
		}
		String computed;
		try {
			computed = CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifier)).getValue();
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
				challenge.getBytes(StandardCharsets.US_ASCII));
	}

	private Map<String, Object> refreshToken(HttpCall call, String clientId) {
		String token = BackChannel.require(call, "refresh_token");
		RefreshTokenStore.Entry entry = this.context.refreshTokens()
			.redeem(token, clientId, (granted) -> ensureConsent(refreshed(call, granted)));
		return issue(refreshed(call, entry.grant()), entry.familyId());
	}

	private TokenGrant refreshed(HttpCall call, TokenGrant granted) {
		TokenGrant grant = new TokenGrant(granted.user(), granted.clientId(), granted.scopes(), null,
				RequestedClaims.NONE);
		return narrowed(call, grant);
	}

	private Map<String, Object> deviceCode(HttpCall call, String clientId) {
		DeviceAuthorization device = this.context.devices().findByDeviceCode(BackChannel.require(call, "device_code"));
		if (device == null || !device.clientId().equals(clientId)) {
			throw new OAuthException(AadError.BAD_VERIFICATION_CODE);
		}
		if (device.codeChallenge() != null && !pkceMatches(call.parameter("code_verifier"), device.codeChallenge())) {
			throw OAuthException.plain(400, "invalid_grant", "PKCE verification failed: Invalid code verifier");
		}
		return issue(device.poll(), Randoms.opaque());
	}

	/**
	 * Apply the scopes and claims of the token request, when it has them, to a grant.
	 * @param call the token request
	 * @param grant the grant of the code or refresh token
	 * @return the grant to issue tokens for
	 */
	private static TokenGrant narrowed(HttpCall call, TokenGrant grant) {
		List<String> scopes = Scopes.parse(call.parameter("scope"));
		TokenGrant result = scopes.isEmpty() ? grant : grant.withScopes(scopes);
		RequestedClaims claims = BackChannel.claims(call);
		return (claims.json() != null) ? result.withClaims(claims) : result;
	}

	private void ensureConsent(TokenGrant grant) {
		if (!this.context.consents().granted(grant.user(), grant.clientId(), grant.scopes())) {
			throw new OAuthException(AadError.CONSENT_REQUIRED, grant.clientId());
		}
	}

	private Map<String, Object> issue(TokenGrant grant, String familyId) {
		String refreshToken = Scopes.contains(grant.scopes(), "offline_access")
				? this.context.refreshTokens().issue(familyId, grant) : null;
		return this.context.tokens().response(grant, refreshToken);
	}

}
