package dev.desktopidentity.msal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import org.jspecify.annotations.Nullable;

/**
 * What makes MSAL4J 1.26 work past the first sign-in with a standards-following OpenID
 * Connect issuer (Keycloak, Entra External ID, Auth0 and others), applied to its traffic
 * for an {@code oidc} authority only:
 * <ul>
 * <li>MSAL4J sends token and device authorization requests to
 * {@code https://<host>/<first path segment>/oauth2/v2.0/token} (resp.
 * {@code /devicecode}), the Microsoft layout, instead of the endpoints of the discovery
 * document: they are sent to the discovered endpoints;</li>
 * <li>MSAL4J creates a cached account, without which silent sign-in is impossible, only
 * from Microsoft's {@code client_info} in the token response: a token response without
 * one gets one derived from its ID token's {@code iss} and {@code sub}, stable across
 * sign-ins;</li>
 * <li>MSAL4J polls with {@code grant_type=device_code} rather than RFC 8628's
 * {@code urn:ietf:params:oauth:grant-type:device_code}, and sends the device
 * authorization request without a {@code Content-Type}: both are corrected.</li>
 * </ul>
 * The discovered endpoints are taken from the discovery document MSAL4J fetches when it
 * builds the application, or fetched on first need.
 */
final class OidcAdaptations {

	static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

	private static final String FORM = "application/x-www-form-urlencoded";

	private static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

	private final URI issuer;

	private final Function<URI, String> fetch;

	private volatile @Nullable Endpoints endpoints;

	/**
	 * Create a new instance.
	 * @param issuer the configured OpenID Connect authority
	 * @param fetch reads a document over the identity provider's client, for the
	 * discovery document when MSAL4J has not fetched it
	 */
	OidcAdaptations(URI issuer, Function<URI, String> fetch) {
		this.issuer = issuer;
		this.fetch = fetch;
	}

	/**
	 * Adapt a request before it is sent.
	 * @param exchange the request
	 * @return the request to send
	 */
	Exchange request(Exchange exchange) {
		if (!"POST".equals(exchange.method()) || !sameHost(exchange.uri())) {
			return exchange;
		}
		String path = exchange.uri().getRawPath();
		if (path.endsWith("/oauth2/v2.0/token")) {
			return exchange.to(endpoints().token()).withBody(withRfc8628GrantType(exchange.body()));
		}
		if (path.endsWith("/oauth2/v2.0/devicecode")) {
			URI deviceEndpoint = endpoints().deviceAuthorization();
			if (deviceEndpoint == null) {
				throw new IllegalStateException("The OpenID Connect provider " + this.issuer + " does not offer "
						+ "device code sign-in (its discovery document has no device_authorization_endpoint); set "
						+ "identity.interactive.mode=browser");
			}
			Exchange adapted = exchange.to(deviceEndpoint);
			return (exchange.header("Content-Type") != null) ? adapted : adapted.withHeader("Content-Type", FORM);
		}
		return exchange;
	}

	/**
	 * Adapt a response before MSAL4J reads it.
	 * @param sent the request that was sent
	 * @param status the response status
	 * @param body the response body
	 * @return the body MSAL4J reads
	 */
	String response(Exchange sent, int status, String body) {
		if (status != 200) {
			return body;
		}
		if ("GET".equals(sent.method()) && sent.uri().getRawPath().endsWith(DISCOVERY_PATH)) {
			Endpoints discovered = Endpoints.parse(body);
			if (discovered != null) {
				this.endpoints = discovered;
			}
			return body;
		}
		Endpoints known = this.endpoints;
		if ("POST".equals(sent.method()) && known != null && sent.uri().equals(known.token())) {
			return withClientInfo(body);
		}
		return body;
	}

	private Endpoints endpoints() {
		Endpoints known = this.endpoints;
		if (known == null) {
			URI discovery = URI.create(this.issuer.toString().replaceAll("/+$", "") + DISCOVERY_PATH);
			known = Endpoints.parse(this.fetch.apply(discovery));
			if (known == null) {
				throw new IllegalStateException("The discovery document " + discovery + " has no token_endpoint");
			}
			this.endpoints = known;
		}
		return known;
	}

	private boolean sameHost(URI uri) {
		return this.issuer.getHost().equalsIgnoreCase(uri.getHost());
	}

	private static @Nullable String withRfc8628GrantType(@Nullable String body) {
		if (body == null) {
			return null;
		}
		String[] parameters = body.split("&");
		for (int i = 0; i < parameters.length; i++) {
			if (parameters[i].equals("grant_type=device_code")) {
				parameters[i] = "grant_type=" + URLEncoder.encode(DEVICE_GRANT, StandardCharsets.UTF_8);
			}
		}
		return String.join("&", parameters);
	}

	private static String withClientInfo(String body) {
		try {
			Map<String, Object> response = JSONObjectUtils.parse(body);
			Object idToken = response.get("id_token");
			if (response.containsKey("client_info") || !(idToken instanceof String)) {
				return body;
			}
			JWTClaimsSet claims = JWTParser.parse((String) idToken).getJWTClaimsSet();
			if (claims.getIssuer() == null || claims.getSubject() == null) {
				return body;
			}
			Map<String, Object> clientInfo = new LinkedHashMap<>();
			clientInfo.put("uid", digest(claims.getIssuer() + "\n" + claims.getSubject()));
			clientInfo.put("utid", digest(claims.getIssuer()));
			response.put("client_info", Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(JSONObjectUtils.toJSONString(clientInfo).getBytes(StandardCharsets.UTF_8)));
			return JSONObjectUtils.toJSONString(response);
		}
		catch (ParseException ex) {
			// not a token response MSAL4J can read either; it reports that itself
			return body;
		}
	}

	private static String digest(String value) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			// hexadecimal: MSAL4J lower-cases the keys of its cache
			return HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * The endpoints of the discovery document that MSAL4J does not use.
	 */
	record Endpoints(URI token, @Nullable URI deviceAuthorization) {

		static @Nullable Endpoints parse(String discovery) {
			try {
				Map<String, Object> document = JSONObjectUtils.parse(discovery);
				String token = JSONObjectUtils.getString(document, "token_endpoint");
				String device = JSONObjectUtils.getString(document, "device_authorization_endpoint");
				return (token != null) ? new Endpoints(URI.create(token), (device != null) ? URI.create(device) : null)
						: null;
			}
			catch (ParseException | IllegalArgumentException ex) {
				return null;
			}
		}

	}

	/**
	 * A request as MSAL4J makes it.
	 */
	record Exchange(String method, URI uri, Map<String, String> headers, @Nullable String body) {

		Exchange {
			Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			copy.putAll(headers);
			headers = copy;
		}

		@Nullable String header(String name) {
			return this.headers.get(name);
		}

		Exchange to(URI target) {
			return new Exchange(this.method, target, this.headers, this.body);
		}

		Exchange withBody(@Nullable String newBody) {
			return new Exchange(this.method, this.uri, this.headers, newBody);
		}

		Exchange withHeader(String name, String value) {
			Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			copy.putAll(this.headers);
			copy.put(name, value);
			return new Exchange(this.method, this.uri, copy, this.body);
		}

	}

}
