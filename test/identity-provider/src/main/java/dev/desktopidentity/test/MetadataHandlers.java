package dev.desktopidentity.test;

import java.io.IOException;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;

/**
 * The OpenID Connect discovery document and the token signing keys.
 */
final class MetadataHandlers {

	private final ProviderContext context;

	MetadataHandlers(ProviderContext context) {
		this.context = context;
	}

	void discovery(HttpCall call, String tenant) throws IOException {
		ProviderUrls urls = this.context.urls();
		OIDCProviderMetadata metadata = new OIDCProviderMetadata(new Issuer(urls.issuer()),
				List.of(SubjectType.PAIRWISE), urls.endpoint(tenant, urls.paths().jwks()));
		metadata.setAuthorizationEndpointURI(urls.browserEndpoint(tenant, urls.paths().authorize()));
		metadata.setTokenEndpointURI(urls.endpoint(tenant, urls.paths().token()));
		metadata.setDeviceAuthorizationEndpointURI(urls.endpoint(tenant, urls.paths().deviceCode()));
		if (urls.paths().revocation() != null) {
			metadata.setRevocationEndpointURI(urls.endpoint(tenant, urls.paths().revocation()));
		}
		metadata.setResponseTypes(List.of(ResponseType.CODE));
		metadata.setResponseModes(List.of(ResponseMode.QUERY, ResponseMode.FRAGMENT, ResponseMode.FORM_POST));
		metadata.setGrantTypes(List.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN, GrantType.DEVICE_CODE));
		metadata.setCodeChallengeMethods(List.of(CodeChallengeMethod.S256));
		metadata.setIDTokenJWSAlgs(List.of(JWSAlgorithm.RS256));
		metadata.setTokenEndpointAuthMethods(List.of(ClientAuthenticationMethod.NONE));
		metadata.setScopes(new Scope("openid", "profile", "email", "offline_access"));
		metadata.setClaims(List.of("sub", "iss", "aud", "exp", "iat", "nbf", "name", "nonce", "oid", "tid",
				"preferred_username", "ver"));
		metadata.setSupportsClaimsParams(true);
		call.json(200, metadata.toJSONObject());
	}

	void keys(HttpCall call, String tenant) throws IOException {
		call.json(200, this.context.signingKey().publicKeys().toJSONObject(true));
	}

}
