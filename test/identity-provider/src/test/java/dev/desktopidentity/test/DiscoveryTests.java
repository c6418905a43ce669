package dev.desktopidentity.test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discovery, keys, addresses and configuration helpers.
 */
class DiscoveryTests {

	private static final UUID TENANT_ID = UUID.fromString("11111111-2222-3333-4444-555555555555");

	private static LocalIdentityProvider provider;

	private static ProviderClient client;

	@BeforeAll
	static void start() {
		provider = LocalIdentityProvider.builder()
			.user("alice@contoso.test", "Passw0rd!", "Alice Example")
			.tenantId(TENANT_ID)
			.tenantAlias("contoso.test")
			.start();
		client = new ProviderClient(provider);
	}

	@AfterAll
	static void stop() {
		provider.close();
	}

	@Test
	void accessorsWhenStartedThenLoopbackHttpsAddresses() {
		assertThat(provider.baseUri()).isEqualTo(URI.create("https://127.0.0.1:" + provider.port()));
		assertThat(provider.authority()).isEqualTo("https://127.0.0.1:" + provider.port() + "/" + TENANT_ID + "/");
		assertThat(provider.issuer()).isEqualTo("https://127.0.0.1:" + provider.port() + "/" + TENANT_ID + "/v2.0");
		assertThat(provider.tenantId()).isEqualTo(TENANT_ID.toString());
		assertThat(provider.frontChannelUri()).isEmpty();
		assertThat(provider.deviceVerificationUri().toString()).startsWith("https://127.0.0.1:" + provider.port());
	}

	@Test
	void discoveryWhenRequestedThenOpenIdConfiguration() throws Exception {
		HttpResponse<String> response = client.get(client.endpoint("v2.0/.well-known/openid-configuration"));
		assertThat(response.statusCode()).isEqualTo(200);
		OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(response.body());
		assertThat(metadata.getIssuer().getValue()).isEqualTo(provider.issuer());
		assertThat(metadata.getAuthorizationEndpointURI()).isEqualTo(client.endpoint("oauth2/v2.0/authorize"));
		assertThat(metadata.getTokenEndpointURI()).isEqualTo(client.endpoint("oauth2/v2.0/token"));
		assertThat(metadata.getDeviceAuthorizationEndpointURI()).isEqualTo(client.endpoint("oauth2/v2.0/devicecode"));
		assertThat(metadata.getJWKSetURI()).isEqualTo(client.endpoint("discovery/v2.0/keys"));
		assertThat(metadata.getIDTokenJWSAlgs()).extracting(Object::toString).containsExactly("RS256");
		assertThat(metadata.getCodeChallengeMethods()).extracting(Object::toString).containsExactly("S256");
		assertThat(metadata.getGrantTypes()).extracting(Object::toString)
			.contains("authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code");
		assertThat(metadata.getResponseTypes()).extracting(Object::toString).containsExactly("code");
		assertThat(metadata.getSubjectTypes()).isNotEmpty();
		assertThat(metadata.getRevocationEndpointURI()).as("Microsoft Entra ID offers no token revocation").isNull();
	}

	@Test
	void discoveryWhenTenantAliasOrCommonThenServedWithSameIssuer() throws Exception {
		for (String tenant : List.of("common", "organizations", "contoso.test", "CONTOSO.TEST")) {
			HttpResponse<String> response = client.get(URI.create(provider.baseUri() + "/" + tenant
					+ "/v2.0/.well-known/openid-configuration"));
			assertThat(response.statusCode()).isEqualTo(200);
			OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(response.body());
			assertThat(metadata.getIssuer().getValue()).isEqualTo(provider.issuer());
			assertThat(metadata.getTokenEndpointURI().getPath()).isEqualTo("/" + tenant + "/oauth2/v2.0/token");
		}
	}

	@Test
	void discoveryWhenTenantUnknownThenInvalidRequest() {
		HttpResponse<String> response = client.get(URI.create(provider.baseUri()
				+ "/fabrikam.test/v2.0/.well-known/openid-configuration"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat((String) ProviderClient.json(response).get("error_description")).startsWith("AADSTS90002:");
	}

	@Test
	void keysWhenRequestedThenPublicRsaSigningKey() throws Exception {
		HttpResponse<String> response = client.get(client.endpoint("discovery/v2.0/keys"));
		JWKSet keys = JWKSet.parse(response.body());
		assertThat(keys.getKeys()).singleElement().isInstanceOfSatisfying(RSAKey.class, (key) -> {
			assertThat(key.isPrivate()).isFalse();
			assertThat(key.getKeyID()).isNotBlank();
			assertThat(key.size()).isEqualTo(2048);
		});
		assertThat(keys.toJSONObject()).isEqualTo(provider.tokenSigningKeys().toJSONObject());
	}

	@Test
	void certificateWhenInspectedThenSelfSignedForLoopback() throws Exception {
		assertThat(provider.certificate().getSubjectAlternativeNames()).extracting((name) -> (Object) name.get(1))
			.containsExactlyInAnyOrder((Object) "localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
		provider.certificate().checkValidity();
		assertThat(provider.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----")
			.contains("-----END CERTIFICATE-----");
	}

	@Test
	void springPropertiesWhenRequestedThenAuthorityAndPemBundle() {
		Map<String, Object> properties = provider.springProperties("local-idp");
		assertThat(properties).containsEntry("identity.authority", provider.authority())
			.containsEntry("identity.authority-kind", "entra-id")
			.containsEntry("identity.instance-discovery", false)
			.containsEntry("identity.ssl-bundle", "local-idp")
			.containsEntry("spring.ssl.bundle.pem.local-idp.truststore.certificate", provider.certificatePem());
	}

}
