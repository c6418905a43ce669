package dev.desktopidentity.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.util.URLUtils;

/**
 * A client of a {@link LocalIdentityProvider} for tests: JDK HTTP client over HTTPS with
 * the provider's SSL context, authorization URLs built with Nimbus, token requests and
 * token verification with the provider's keys.
 */
final class ProviderClient {

	static final String CLIENT_ID = "test-client";

	static final String REDIRECT_URI = "http://localhost:8400/";

	static final String SCOPE = "api://app/read openid profile offline_access";

	private final LocalIdentityProvider provider;

	private final HttpClient client;

	ProviderClient(LocalIdentityProvider provider) {
		this.provider = provider;
		this.client = HttpClient.newBuilder()
			.sslContext(provider.sslContext())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	URI endpoint(String path) {
		return URI.create(this.provider.authority() + path);
	}

	URI authorizeUrl(CodeVerifier verifier) {
		return authorizeUrl(verifier, (builder) -> {
		});
	}

	URI authorizeUrl(CodeVerifier verifier, Consumer<AuthorizationRequest.Builder> customizer) {
		return authorizeUrl(CLIENT_ID, verifier, customizer);
	}

	URI authorizeUrl(String clientId, CodeVerifier verifier, Consumer<AuthorizationRequest.Builder> customizer) {
		AuthorizationRequest.Builder builder = new AuthorizationRequest.Builder(ResponseType.CODE,
				new ClientID(clientId))
			.endpointURI(endpoint("oauth2/v2.0/authorize"))
			.redirectionURI(URI.create(REDIRECT_URI))
			.scope(Scope.parse(SCOPE))
			.state(new State("state-1"))
			.codeChallenge(verifier, CodeChallengeMethod.S256)
			.customParameter("nonce", "nonce-1");
		customizer.accept(builder);
		return builder.build().toURI();
	}

	HttpResponse<String> get(URI uri) {
		return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build());
	}

	HttpResponse<String> post(URI uri, Map<String, String> form) {
		return send(HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encode(form)))
			.build());
	}

	/**
	 * Post a form as MSAL posts the device code request: without a {@code Content-Type}.
	 * @param uri the address
	 * @param form the parameters
	 * @return the response
	 */
	HttpResponse<String> postWithoutContentType(URI uri, Map<String, String> form) {
		return send(HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString(encode(form)))
			.build());
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	HttpResponse<String> token(Map<String, String> form) {
		return post(endpoint("oauth2/v2.0/token"), form);
	}

	HttpResponse<String> redeem(String code, CodeVerifier verifier) {
		return token(Map.of("grant_type", "authorization_code", "client_id", CLIENT_ID, "code", code, "redirect_uri",
				REDIRECT_URI, "code_verifier", verifier.getValue(), "scope", SCOPE));
	}

	HttpResponse<String> refresh(String refreshToken, String scope) {
		return token(Map.of("grant_type", "refresh_token", "client_id", CLIENT_ID, "refresh_token", refreshToken,
				"scope", scope));
	}

	/**
	 * Sign in as a scripted user and redeem the code.
	 * @param user the user
	 * @return the token response
	 */
	Map<String, Object> signInAndRedeem(ScriptedUser user) {
		CodeVerifier verifier = new CodeVerifier();
		AuthorizationOutcome outcome = user.signIn(authorizeUrl(verifier));
		HttpResponse<String> response = redeem(outcome.code(), verifier);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Token request failed: " + response.body());
		}
		return json(response);
	}

	static Map<String, Object> json(HttpResponse<String> response) {
		try {
			return JSONObjectUtils.parse(response.body());
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Not JSON: " + response.body(), ex);
		}
	}

	/**
	 * Verify a token's RS256 signature with the provider's keys, and its expiry.
	 * @param token the token
	 * @return the verified claims
	 */
	JWTClaimsSet verify(String token) {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
				new ImmutableJWKSet<>(this.provider.tokenSigningKeys())));
		try {
			return processor.process(token, null);
		}
		catch (ParseException | BadJOSEException | JOSEException ex) {
			throw new IllegalStateException("Token does not verify", ex);
		}
	}

	static Map<String, String> queryParameters(URI uri) {
		Map<String, String> parameters = new LinkedHashMap<>();
		URLUtils.parseParameters(uri.getRawQuery()).forEach((name, values) -> parameters.put(name, values.get(0)));
		return parameters;
	}

	private static String encode(Map<String, String> form) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		form.forEach((name, value) -> parameters.put(name, List.of(value)));
		return URLUtils.serializeParameters(parameters);
	}

}
