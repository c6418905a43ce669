package dev.desktopidentity.samples.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.desktopidentity.test.LocalIdentityProvider;

/**
 * A small API on loopback that answers {@code GET /items} to callers with a valid access
 * token of the local identity provider for {@code api://desktop-identity-demo}.
 */
public final class DemoApi implements AutoCloseable {

	/**
	 * The audience of the API's access tokens.
	 */
	public static final String AUDIENCE = "api://desktop-identity-demo";

	private final HttpServer server;

	private final DefaultJWTProcessor<SecurityContext> tokens = new DefaultJWTProcessor<>();

	private DemoApi(HttpServer server, LocalIdentityProvider provider) {
		this.server = server;
		this.tokens.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
				new ImmutableJWKSet<>(provider.tokenSigningKeys())));
		this.tokens.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(AUDIENCE,
				new JWTClaimsSet.Builder().issuer(provider.issuer()).build(), Set.of("exp", "sub")));
	}

	/**
	 * Start the API on a free loopback port.
	 * @param provider the identity provider whose tokens it accepts
	 * @return the running API, to be closed
	 */
	public static DemoApi start(LocalIdentityProvider provider) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			DemoApi api = new DemoApi(server, provider);
			server.createContext("/items", api::handle);
			server.start();
			return api;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the demo API on loopback", ex);
		}
	}

	/**
	 * Return the address of {@code GET /items}.
	 * @return the address
	 */
	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/items");
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			String name = (authorization != null && authorization.startsWith("Bearer "))
					? caller(authorization.substring(7)) : null;
			if (name == null) {
				exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
				send(exchange, 401, "{\"error\":\"invalid_token\"}");
				return;
			}
			send(exchange, 200, "{\"owner\":\"" + name + "\",\"items\":[\"notebook\",\"pencil\",\"lamp\"]}");
		}
	}

	private String caller(String token) {
		try {
			JWTClaimsSet claims = this.tokens.process(token, null);
			Object name = claims.getClaim("name");
			return (name != null) ? name.toString().replace("\"", "") : claims.getSubject();
		}
		catch (ParseException | BadJOSEException | JOSEException ex) {
			return null;
		}
	}

	private static void send(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
