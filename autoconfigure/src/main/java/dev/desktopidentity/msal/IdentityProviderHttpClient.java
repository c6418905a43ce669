package dev.desktopidentity.msal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

/**
 * The {@link IHttpClient} through which MSAL4J reaches the identity provider: one JDK
 * {@link HttpClient} with its own trust material, proxy and timeouts, so nothing about
 * identity-provider traffic is JVM-wide, and one place to observe and adapt that traffic.
 * <p>
 * The JDK client, and the TLS context it needs, can be built on the first request: a run
 * that finds its token in the cache never builds either.
 * <p>
 * Logs at debug level the method, the URL without its query, the status and the time
 * taken; never a header value or a body, since those carry codes and tokens.
 *
 * @since 0.1.0
 */
public final class IdentityProviderHttpClient implements IHttpClient {

	private static final Log logger = LogFactory.getLog(IdentityProviderHttpClient.class);

	/** Headers the JDK client sets itself and refuses to take from the caller. */
	private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
			"upgrade");

	private final SingletonSupplier<HttpClient> client;

	private final Duration readTimeout;

	private final URI authority;

	private final @Nullable OidcAdaptations oidc;

	private final @Nullable String sslBundle;

	/**
	 * Create a new instance.
	 * @param client the JDK client that carries the requests
	 * @param readTimeout how long to wait for a response
	 * @param authority the configured authority, whose port requests to its host keep
	 */
	public IdentityProviderHttpClient(HttpClient client, Duration readTimeout, URI authority) {
		this(client, readTimeout, authority, false);
	}

	/**
	 * Create a new instance.
	 * @param client the JDK client that carries the requests
	 * @param readTimeout how long to wait for a response
	 * @param authority the configured authority, whose port requests to its host keep
	 * @param oidcAuthority whether the authority is an OpenID Connect issuer, whose
	 * traffic gets the {@link OidcAdaptations adaptations} that MSAL4J needs
	 */
	public IdentityProviderHttpClient(HttpClient client, Duration readTimeout, URI authority, boolean oidcAuthority) {
		this(checked(client), readTimeout, authority, oidcAuthority, null);
	}

	/**
	 * Create a new instance whose JDK client is built on the first request.
	 * @param client builds the JDK client that carries the requests; called on the first
	 * request, and again on the next one if it fails
	 * @param readTimeout how long to wait for a response
	 * @param authority the configured authority, whose port requests to its host keep
	 * @param oidcAuthority whether the authority is an OpenID Connect issuer, whose
	 * traffic gets the {@link OidcAdaptations adaptations} that MSAL4J needs
	 * @param sslBundle the name of the SSL bundle ({@code identity.ssl-bundle}) whose
	 * trust material the client uses, or {@code null} for the JVM's default trust store;
	 * named when the provider's certificate is not trusted
	 */
	public IdentityProviderHttpClient(Supplier<HttpClient> client, Duration readTimeout, URI authority,
			boolean oidcAuthority, @Nullable String sslBundle) {
		Assert.notNull(client, "'client' must not be null");
		Assert.notNull(readTimeout, "'readTimeout' must not be null");
		Assert.notNull(authority, "'authority' must not be null");
		this.client = SingletonSupplier.of(client);
		this.readTimeout = readTimeout;
		this.authority = authority;
		this.oidc = oidcAuthority ? new OidcAdaptations(authority, this::fetch) : null;
		this.sslBundle = sslBundle;
	}

	@Override
	public IHttpResponse send(HttpRequest request) throws Exception {
		Map<String, String> headers = (request.headers() != null) ? request.headers() : Collections.emptyMap();
		OidcAdaptations.Exchange exchange = new OidcAdaptations.Exchange(request.httpMethod().name(),
				route(request.url().toURI()), headers, request.body());
		if (this.oidc != null) {
			exchange = this.oidc.request(exchange);
		}
		java.net.http.HttpResponse<String> response = exchange(exchange);
		String body = (this.oidc != null) ? this.oidc.response(exchange, response.statusCode(), response.body())
				: response.body();
		return new Response(response.statusCode(), caseInsensitive(response.headers().map()), body);
	}

	private java.net.http.HttpResponse<String> exchange(OidcAdaptations.Exchange exchange)
			throws IOException, InterruptedException {
		URI uri = exchange.uri();
		java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(uri).timeout(this.readTimeout);
		exchange.headers().forEach((name, value) -> {
			if (value != null && !RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
				builder.header(name, value);
			}
		});
		String body = exchange.body();
		builder.method(exchange.method(), (body != null) ? BodyPublishers.ofString(body) : BodyPublishers.noBody());
		HttpClient client = this.client.obtain();
		long start = System.nanoTime();
		java.net.http.HttpResponse<String> response;
		try {
			response = client.send(builder.build(), BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw failures(client).describe(uri, ex);
		}
		if (logger.isDebugEnabled()) {
			logger.debug(String.format("%s %s://%s%s -> %d (%d ms)", exchange.method(), uri.getScheme(),
					uri.getRawAuthority(), uri.getRawPath(), response.statusCode(),
					(System.nanoTime() - start) / 1_000_000));
		}
		return response;
	}

	boolean isOidc() {
		return this.oidc != null;
	}

	URI authority() {
		return this.authority;
	}

	/**
	 * Post a form to the identity provider, for requests MSAL4J does not make.
	 */
	OidcAdaptations.Fetched postForm(URI uri, String form) throws IOException, InterruptedException {
		java.net.http.HttpResponse<String> response = exchange(new OidcAdaptations.Exchange("POST", route(uri),
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"), form));
		return new OidcAdaptations.Fetched(response.statusCode(), response.body());
	}

	OidcAdaptations.Fetched get(URI uri) throws IOException, InterruptedException {
		return fetch(route(uri));
	}

	private OidcAdaptations.Fetched fetch(URI uri) throws IOException, InterruptedException {
		java.net.http.HttpResponse<String> response = exchange(
				new OidcAdaptations.Exchange("GET", uri, Map.of("Accept", "application/json"), null));
		return new OidcAdaptations.Fetched(response.statusCode(), response.body());
	}

	/**
	 * MSAL4J keeps a cached account's environment as the authority's host without its
	 * port, and sends refresh-token requests for that account to
	 * {@code https://<host>/...}: with an authority on a port other than 443 (a local or
	 * private identity provider) they would reach the wrong port. Requests to the
	 * authority's host without a port go to the authority's port.
	 */
	URI route(URI uri) {
		int port = this.authority.getPort();
		if (port == -1 || port == 443 || uri.getPort() != -1 || !"https".equalsIgnoreCase(uri.getScheme())
				|| !this.authority.getHost().equalsIgnoreCase(uri.getHost())) {
			return uri;
		}
		String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
		return URI.create("https://" + uri.getHost() + ":" + port + uri.getRawPath() + query);
	}

	/**
	 * Describe a failure to reach the identity provider, with the settings of the client
	 * that failed: only on that path, so that start-up does not build the client.
	 */
	private ConnectionFailures failures(HttpClient client) {
		return new ConnectionFailures(client.connectTimeout().orElse(null), this.readTimeout, this.sslBundle,
				client.proxy().isPresent());
	}

	private static Supplier<HttpClient> checked(HttpClient client) {
		Assert.notNull(client, "'client' must not be null");
		return () -> client;
	}

	private static Map<String, List<String>> caseInsensitive(Map<String, List<String>> headers) {
		Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		copy.putAll(headers);
		return copy;
	}

	private record Response(int statusCode, Map<String, List<String>> headers, String body) implements IHttpResponse {

	}

}
