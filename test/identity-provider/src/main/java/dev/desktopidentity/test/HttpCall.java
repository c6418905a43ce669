package dev.desktopidentity.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request to the provider, with its query and form parameters read, and the
 * ways to answer it.
 */
final class HttpCall {

	private static final int MAX_BODY = 64 * 1024;

	private final HttpExchange exchange;

	private final boolean secure;

	private final Map<String, String> parameters;

	private boolean answered;

	private HttpCall(HttpExchange exchange, boolean secure, Map<String, String> parameters) {
		this.exchange = exchange;
		this.secure = secure;
		this.parameters = Collections.unmodifiableMap(parameters);
	}

	/**
	 * Read the parameters of a request: its query, and for a POST its body as form
	 * parameters whatever the {@code Content-Type} (MSAL sends the device code request
	 * without one).
	 * @param exchange the exchange
	 * @param secure whether the exchange came over HTTPS
	 * @return the call
	 * @throws IOException on a read failure
	 */
	static HttpCall read(HttpExchange exchange, boolean secure) throws IOException {
		Map<String, String> parameters = new LinkedHashMap<>();
		putFirstValues(parameters, exchange.getRequestURI().getRawQuery());
		if ("POST".equalsIgnoreCase(exchange.getRequestMethod())) {
			try (InputStream body = exchange.getRequestBody()) {
				putFirstValues(parameters, new String(body.readNBytes(MAX_BODY), StandardCharsets.UTF_8));
			}
		}
		return new HttpCall(exchange, secure, parameters);
	}

	private static void putFirstValues(Map<String, String> target, @Nullable String encoded) {
		if (encoded == null || encoded.isBlank()) {
			return;
		}
		Map<String, List<String>> parsed = URLUtils.parseParameters(encoded.trim());
		parsed.forEach((name, values) -> {
			if (!values.isEmpty() && values.get(0) != null) {
				target.put(name, values.get(0));
			}
		});
	}

	String method() {
		return this.exchange.getRequestMethod().toUpperCase(Locale.ROOT);
	}

	String path() {
		return this.exchange.getRequestURI().getPath();
	}

	boolean secure() {
		return this.secure;
	}

	Map<String, String> parameters() {
		return this.parameters;
	}

	@Nullable String parameter(String name) {
		String value = this.parameters.get(name);
		return (value == null || value.isBlank()) ? null : value;
	}

	@Nullable String header(String name) {
		return this.exchange.getRequestHeaders().getFirst(name);
	}

	@Nullable String cookie(String name) {
		List<String> headers = this.exchange.getRequestHeaders().get("Cookie");
		if (headers == null) {
			return null;
		}
		for (String header : headers) {
			for (String pair : header.split(";")) {
				int separator = pair.indexOf('=');
				if (separator > 0 && pair.substring(0, separator).trim().equals(name)) {
					return pair.substring(separator + 1).trim();
				}
			}
		}
		return null;
	}

	void setCookie(String name, String value) {
		String cookie = name + "=" + value + "; Path=/; HttpOnly; SameSite=Lax" + (this.secure ? "; Secure" : "");
		this.exchange.getResponseHeaders().add("Set-Cookie", cookie);
	}

	void responseHeader(String name, String value) {
		this.exchange.getResponseHeaders().set(name, value);
	}

	boolean answered() {
		return this.answered;
	}

	void json(int status, Map<String, ?> body) throws IOException {
		send(status, "application/json; charset=utf-8", JSONObjectUtils.toJSONString(body));
	}

	void html(int status, String html) throws IOException {
		this.exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
		this.exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
		send(status, "text/html; charset=utf-8", html);
	}

	void redirect(URI location) throws IOException {
		this.exchange.getResponseHeaders().set("Location", location.toString());
		this.exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
		send(302, "text/plain; charset=utf-8", "");
	}

	void send(int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		this.answered = true;
		this.exchange.getResponseHeaders().set("Content-Type", contentType);
		this.exchange.getResponseHeaders().set("Cache-Control", "no-store, no-cache");
		this.exchange.getResponseHeaders().set("Pragma", "no-cache");
		this.exchange.sendResponseHeaders(status, (bytes.length != 0) ? bytes.length : -1);
		if (bytes.length != 0) {
			try (OutputStream out = this.exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	/**
	 * Announce a complete JSON body, send half of it and abort: the
	 * {@link TruncatedResponseException} this throws must leave the handler, so that the
	 * server closes the connection instead of keeping it open for the missing bytes.
	 * @param body the complete body
	 * @throws TruncatedResponseException always
	 * @throws IOException on a write failure
	 */
	void truncated(String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		this.answered = true;
		this.exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
		this.exchange.getResponseHeaders().set("Connection", "close");
		this.exchange.sendResponseHeaders(200, bytes.length);
		OutputStream out = this.exchange.getResponseBody();
		out.write(bytes, 0, bytes.length / 2);
		out.flush();
		throw new TruncatedResponseException();
	}

	/**
	 * Thrown out of a handler on purpose, so that the HTTP server closes the connection
	 * of a response sent short.
	 */
	static final class TruncatedResponseException extends IOException {

		TruncatedResponseException() {
			super("Response body truncated on purpose");
		}

	}

}
