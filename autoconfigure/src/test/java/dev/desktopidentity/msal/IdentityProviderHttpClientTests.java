package dev.desktopidentity.msal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.microsoft.aad.msal4j.HttpMethod;
import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.IHttpResponse;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link IdentityProviderHttpClient}.
 */
class IdentityProviderHttpClientTests {

	private final AtomicReference<Recorded> recorded = new AtomicReference<>();

	private HttpServer server;

	private IdentityProviderHttpClient client;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
		this.client = new IdentityProviderHttpClient(HttpClient.newHttpClient(), Duration.ofSeconds(5),
				URI.create("https://idp.example.test:8443/tenant/"));
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void sendWhenPostThenCarriesMethodHeadersAndBody() throws Exception {
		IHttpResponse response = this.client.send(request(HttpMethod.POST, "/tenant/oauth2/v2.0/token",
				Map.of("Content-Type", "application/x-www-form-urlencoded", "x-client-SKU", "MSAL.Java",
						"Content-Length", "999", "Host", "elsewhere.test"),
				"grant_type=refresh_token"));
		Recorded request = this.recorded.get();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/tenant/oauth2/v2.0/token");
		assertThat(request.body()).isEqualTo("grant_type=refresh_token");
		assertThat(request.headers().getFirst("x-client-sku")).isEqualTo("MSAL.Java");
		assertThat(request.headers().getFirst("Host")).startsWith("127.0.0.1:");
		assertThat(request.headers().getFirst("Content-Length")).isEqualTo("24");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"ok\":true}");
		assertThat(response.headers().get("CONTENT-TYPE")).containsExactly("application/json");
	}

	@Test
	void sendWhenGetWithoutHeadersThenSendsNoBody() throws Exception {
		IHttpResponse response = this.client.send(request(HttpMethod.GET, "/discovery?x=1", null, null));
		assertThat(this.recorded.get().method()).isEqualTo("GET");
		assertThat(this.recorded.get().query()).isEqualTo("x=1");
		assertThat(this.recorded.get().body()).isEmpty();
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void sendWhenServerRedirectsThenDoesNotFollow() throws Exception {
		IHttpResponse response = this.client.send(request(HttpMethod.POST, "/redirect", null, "secret=1"));
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(this.recorded.get().path()).isEqualTo("/redirect");
	}

	@Test
	void sendWhenClientDeferredThenBuildsItOnFirstRequestOnly() throws Exception {
		AtomicInteger built = new AtomicInteger();
		IdentityProviderHttpClient deferred = new IdentityProviderHttpClient(() -> {
			built.incrementAndGet();
			return HttpClient.newHttpClient();
		}, Duration.ofSeconds(5), URI.create("https://idp.example.test/tenant/"), false, null);
		assertThat(built).hasValue(0);
		deferred.send(request(HttpMethod.GET, "/first", null, null));
		deferred.send(request(HttpMethod.GET, "/second", null, null));
		assertThat(this.recorded.get().path()).isEqualTo("/second");
		assertThat(built).hasValue(1);
	}

	@Test
	void sendWhenBuildingClientFailsThenFailsAndBuildsAgainOnNextRequest() throws Exception {
		AtomicInteger built = new AtomicInteger();
		IdentityProviderHttpClient deferred = new IdentityProviderHttpClient(() -> {
			if (built.incrementAndGet() == 1) {
				throw new IllegalStateException("no trust material yet");
			}
			return HttpClient.newHttpClient();
		}, Duration.ofSeconds(5), URI.create("https://idp.example.test/tenant/"), false, null);
		assertThatIllegalStateException().isThrownBy(() -> deferred.send(request(HttpMethod.GET, "/x", null, null)))
			.withMessage("no trust material yet");
		assertThat(deferred.send(request(HttpMethod.GET, "/x", null, null)).statusCode()).isEqualTo(200);
		assertThat(built).hasValue(2);
	}

	@Test
	void routeWhenAuthorityHostWithoutPortThenUsesAuthorityPort() {
		assertThat(this.client.route(URI.create("https://idp.example.test/tenant/oauth2/v2.0/token?a=b%20c")))
			.isEqualTo(URI.create("https://idp.example.test:8443/tenant/oauth2/v2.0/token?a=b%20c"));
		assertThat(this.client.route(URI.create("https://IDP.example.test/tenant/x")))
			.isEqualTo(URI.create("https://IDP.example.test:8443/tenant/x"));
	}

	@Test
	void routeWhenOtherHostOrExplicitPortThenUnchanged() {
		URI otherHost = URI.create("https://login.microsoftonline.com/common/discovery/instance");
		URI explicitPort = URI.create("https://idp.example.test:9443/tenant/x");
		URI plainHttp = URI.create("http://idp.example.test/tenant/x");
		assertThat(this.client.route(otherHost)).isSameAs(otherHost);
		assertThat(this.client.route(explicitPort)).isSameAs(explicitPort);
		assertThat(this.client.route(plainHttp)).isSameAs(plainHttp);
	}

	@Test
	void routeWhenAuthorityOnDefaultPortThenUnchanged() {
		IdentityProviderHttpClient defaultPort = new IdentityProviderHttpClient(HttpClient.newHttpClient(),
				Duration.ofSeconds(1), URI.create("https://idp.example.test/tenant/"));
		URI uri = URI.create("https://idp.example.test/tenant/x");
		assertThat(defaultPort.route(uri)).isSameAs(uri);
	}

	private HttpRequest request(HttpMethod method, String path, Map<String, String> headers, String body)
			throws Exception {
		String url = "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
		// MSAL4J's HttpRequest constructors are package-private; it is built here as MSAL4J builds it.
		var constructor = HttpRequest.class.getDeclaredConstructor(HttpMethod.class, String.class, Map.class,
				String.class);
		constructor.setAccessible(true);
		HttpRequest request = constructor.newInstance(method, url, headers, body);
		assertThat(request.url()).isEqualTo(new URL(url));
		return request;
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		this.recorded.set(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
				exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(),
				new String(body, StandardCharsets.UTF_8)));
		if (exchange.getRequestURI().getPath().equals("/redirect")) {
			exchange.getResponseHeaders().add("Location", "https://elsewhere.test/");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
			return;
		}
		byte[] response = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, response.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(response);
		}
	}

	private record Recorded(String method, String path, String query, Headers headers, String body) {

	}

}
