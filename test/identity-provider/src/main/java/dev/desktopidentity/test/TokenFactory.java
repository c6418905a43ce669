package dev.desktopidentity.test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import org.jspecify.annotations.Nullable;

/**
 * Issues token responses: a signed access token and ID token, the refresh token handed
 * in, and {@code client_info}.
 */
final class TokenFactory {

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final SigningKey signingKey;

	private final String issuer;

	private final String tenantId;

	private final @Nullable String audience;

	private final AtomicReference<Duration> accessTokenLifetime;

	private final Duration idTokenLifetime;

	private final boolean clientInfo;

	TokenFactory(SigningKey signingKey, String issuer, String tenantId, @Nullable String audience,
			Duration accessTokenLifetime, Duration idTokenLifetime, boolean clientInfo) {
		this.clientInfo = clientInfo;
		this.signingKey = signingKey;
		this.issuer = issuer;
		this.tenantId = tenantId;
		this.audience = audience;
		this.accessTokenLifetime = new AtomicReference<>(accessTokenLifetime);
		this.idTokenLifetime = idTokenLifetime;
	}

	void accessTokenLifetime(Duration lifetime) {
		this.accessTokenLifetime.set(lifetime);
	}

	/**
	 * Return a token response for a grant.
	 * @param grant the grant
	 * @param refreshToken the refresh token to include, or {@code null}
	 * @return the JSON members of the response
	 */
	Map<String, Object> response(TokenGrant grant, @Nullable String refreshToken) {
		Instant now = Instant.now();
		long expiresIn = this.accessTokenLifetime.get().toSeconds();
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("token_type", "Bearer");
		response.put("scope", Scopes.join(grant.scopes()));
		response.put("expires_in", expiresIn);
		response.put("ext_expires_in", expiresIn);
		response.put("access_token", accessToken(grant, now, expiresIn));
		if (refreshToken != null) {
			response.put("refresh_token", refreshToken);
		}
		if (Scopes.contains(grant.scopes(), "openid")) {
			response.put("id_token", idToken(grant, now));
		}
		if (this.clientInfo) {
			response.put("client_info", clientInfo(grant.user()));
		}
		return response;
	}

	private String accessToken(TokenGrant grant, Instant now, long expiresIn) {
		String aud = Scopes.audience(grant.scopes(), this.audience);
		JWTClaimsSet.Builder claims = common(grant, now, now.plusSeconds(expiresIn)).audience(aud)
			.claim("scp", Scopes.scp(grant.scopes(), aud))
			.claim("azp", grant.clientId())
			.claim("azpacr", "0");
		grant.claims().applyTo(claims);
		return this.signingKey.sign(claims.build());
	}

	private String idToken(TokenGrant grant, Instant now) {
		JWTClaimsSet.Builder claims = common(grant, now, now.plus(this.idTokenLifetime)).audience(grant.clientId());
		if (grant.nonce() != null) {
			claims.claim("nonce", grant.nonce());
		}
		return this.signingKey.sign(claims.build());
	}

	private JWTClaimsSet.Builder common(TokenGrant grant, Instant now, Instant expiry) {
		LocalUser user = grant.user();
		return new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject(subject(user, grant.clientId()))
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(expiry))
			.jwtID(UUID.randomUUID().toString())
			.claim("oid", user.objectId().toString())
			.claim("tid", this.tenantId)
			.claim("name", user.displayName())
			.claim("preferred_username", user.username())
			.claim("ver", "2.0");
	}

	/**
	 * Return the pairwise subject of a user for a client, stable across tokens.
	 * @param user the user
	 * @param clientId the client id
	 * @return the subject
	 */
	String subject(LocalUser user, String clientId) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] hash = digest.digest((user.objectId() + "|" + clientId + "|" + this.tenantId)
				.getBytes(StandardCharsets.UTF_8));
			return BASE64URL.encodeToString(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String clientInfo(LocalUser user) {
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("uid", user.objectId().toString());
		info.put("utid", this.tenantId);
		return BASE64URL.encodeToString(JSONObjectUtils.toJSONString(info).getBytes(StandardCharsets.UTF_8));
	}

}
