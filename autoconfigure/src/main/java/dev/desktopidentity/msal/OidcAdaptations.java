package dev.desktopidentity.msal;

import java.io.IOException;
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
 * authorization request without a {@code Content-Type}: both are corrected;</li>
 * <li>MSAL4J sends no PKCE with a device code, which Keycloak 26 requires of a client
 * that enforces PKCE ("Missing parameter: code_challenge_method"): the device
 * authorization request gets an S256 {@code code_challenge} and the polls for its device
 * code the {@code code_verifier} (RFC 7636 applied to RFC 8628, as Keycloak does);
 * providers that do not know them ignore them.</li>
 * </ul>
 * The discovered endpoints are taken from the discovery document MSAL4J fetches when it
 * builds the application, or fetched on first need.
 */
final class OidcAdaptations {

	static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

	private static final String FORM = "application/x-www-form-urlencoded";

	private static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

	private final URI issuer;

	private final Fetcher fetcher;

	private final DeviceCodePkce pkce = new DeviceCodePkce();

	private volatile @Nullable Endpoints endpoints;

	/**
	 * Create a new instance.
	 * @param issuer the configured OpenID Connect authority
	 * @param fetcher reads a document over the identity provider's client, for the
	 * discovery document when MSAL4J has not fetched it
	 */
	OidcAdaptations(URI issuer, Fetcher fetcher) {
		this.issuer = issuer;
		this.fetcher = fetcher;
	}

	/**
	 * Adapt a request before it is sent.
	 * @param exchange the request
	 * @return the request to send
	 * @throws ProviderExchangeException if the discovery document cannot be read or has
	 * no endpoint for the request
	 * @throws InterruptedException if interrupted while reading the discovery document
	 */
	Exchange request(Exchange exchange) throws IOException, InterruptedException {
		if (!"POST".equals(exchange.method()) || !sameHost(exchange.uri())) {
			return exchange;
		}
		String path = exchange.uri().getRawPath();
		if (path.endsWith("/oauth2/v2.0/token")) {
			String body = withRfc8628GrantType(exchange.body());
			return exchange.to(endpoints().token()).withBody(this.pkce.withVerifier(body));
		}
		if (path.endsWith("/oauth2/v2.0/devicecode")) {
			URI deviceEndpoint = endpoints().deviceAuthorization();
			if (deviceEndpoint == null) {
				throw new ProviderExchangeException("the OpenID Connect provider " + display(this.issuer)
						+ " does not offer device code sign-in: its discovery document has no "
						+ "device_authorization_endpoint",
						"Set identity.interactive.mode=browser, or turn on the OAuth 2.0 Device Authorization Grant "
								+ "for the client at the provider.",
						"device_code_not_offered", null);
			}
			Exchange adapted = exchange.to(deviceEndpoint).withBody(this.pkce.withChallenge(exchange.body()));
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
	 * @throws ProviderExchangeException if the response to MSAL4J's request for the
	 * discovery document is not one
	 */
	String response(Exchange sent, int status, String body) throws ProviderExchangeException {
		Endpoints known = this.endpoints;
		if ("POST".equals(sent.method()) && known != null) {
			if (sent.uri().equals(known.deviceAuthorization())) {
				this.pkce.authorized(sent.body(), status, body);
			}
			else if (sent.uri().equals(known.token())) {
				this.pkce.polled(sent.body(), status, body);
			}
		}
		if ("GET".equals(sent.method()) && sent.uri().getRawPath().endsWith(DISCOVERY_PATH)) {
			this.endpoints = discovered(sent.uri(), new Fetched(status, body));
			return body;
		}
		if (status != 200) {
			return body;
		}
		if ("POST".equals(sent.method()) && known != null && sent.uri().equals(known.token())) {
			return withClientInfo(body);
		}
		return body;
	}

	private Endpoints endpoints() throws IOException, InterruptedException {
		Endpoints known = this.endpoints;
		if (known == null) {
			URI discovery = URI.create(display(this.issuer) + DISCOVERY_PATH);
			known = discovered(discovery, this.fetcher.fetch(discovery));
			this.endpoints = known;
		}
		return known;
	}

	/**
	 * Return the endpoints of a discovery document, or say in words what is wrong with
	 * it: MSAL4J reports an answer that is not a discovery document as a JSON parsing
	 * error, which names neither the URL nor the fix.
	 */
	private static Endpoints discovered(URI discovery, Fetched fetched) throws ProviderExchangeException {
		if (fetched.status() != 200) {
			throw new ProviderExchangeException(discovery + " answered HTTP " + fetched.status()
					+ summary(fetched.body()), ISSUER_ACTION, "discovery_failed", null);
		}
		Endpoints endpoints = Endpoints.parse(fetched.body());
		if (endpoints == null) {
			throw new ProviderExchangeException(discovery + " answered with something that is not a discovery "
					+ "document (it names no token_endpoint)", ISSUER_ACTION, "discovery_failed", null);
		}
		return endpoints;
	}

	static final String ISSUER_ACTION = "Check identity.authority: for an OpenID Connect provider it is the issuer, "
			+ "exactly as the 'issuer' of its discovery document shows it (for Keycloak, "
			+ "https://<host>/realms/<realm>), and that realm or tenant must exist. For a Microsoft Entra ID "
			+ "tenant on a host that is not Microsoft's, set identity.authority-kind=entra-id.";

	private boolean sameHost(URI uri) {
		return this.issuer.getHost().equalsIgnoreCase(uri.getHost());
	}

	private static String summary(String body) {
		String error = ProviderJson.stringMember(body, "error");
		String description = ProviderJson.stringMember(body, "error_description");
		if (error == null) {
			return "";
		}
		return " (" + error + ((description != null) ? ": " + description : "") + ")";
	}

	/**
	 * Return a URI as the user would write it, without the trailing slash MSAL4J's
	 * authorities have.
	 */
	static String display(URI uri) {
		return uri.toString().replaceAll("/+$", "");
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
			Map<String, Object> response = ProviderJson.parse(body);
			Object idToken = response.get("id_token");
			if (response.containsKey("client_info") || !(idToken instanceof String)) {
				return body;
			}
			Map<String, Object> claims = ProviderJson.claims((String) idToken);
			String issuer = ProviderJson.string(claims, "iss");
			String subject = ProviderJson.string(claims, "sub");
			if (issuer == null || subject == null) {
				return body;
			}
			Map<String, Object> clientInfo = new LinkedHashMap<>();
			clientInfo.put("uid", digest(issuer + "\n" + subject));
			clientInfo.put("utid", digest(issuer));
			response.put("client_info", Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(ProviderJson.write(clientInfo).getBytes(StandardCharsets.UTF_8)));
			return ProviderJson.write(response);
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
				Map<String, Object> document = ProviderJson.parse(discovery);
				String token = ProviderJson.string(document, "token_endpoint");
				String device = ProviderJson.string(document, "device_authorization_endpoint");
				return (token != null) ? new Endpoints(URI.create(token), (device != null) ? URI.create(device) : null)
						: null;
			}
			catch (ParseException | IllegalArgumentException ex) {
				return null;
			}
		}

	}

	/**
	 * Reads a document from the identity provider.
	 */
	@FunctionalInterface
	interface Fetcher {

		Fetched fetch(URI uri) throws IOException, InterruptedException;

	}

	/**
	 * A document read from the identity provider, with the status it came with.
	 */
	record Fetched(int status, String body) {

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
