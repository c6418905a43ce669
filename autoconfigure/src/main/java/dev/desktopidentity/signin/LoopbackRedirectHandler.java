package dev.desktopidentity.signin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Answers the requests that reach a {@link LoopbackRedirectReceiver} and completes its
 * future with the first authorization response, after the page for it has been sent.
 * Logs the method, path and status of each request, never its query or body.
 */
final class LoopbackRedirectHandler implements HttpHandler {

	private static final Log logger = LogFactory.getLog(LoopbackRedirectReceiver.class);

	static final int MAX_BODY_SIZE = 64 * 1024;

	private static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

	private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
			+ "frame-ancestors 'none'";

	private final URI redirectUri;

	private final String path;

	private final Set<String> hosts;

	private final byte[] expectedState;

	private final RedirectPages pages;

	private final AtomicBoolean completing = new AtomicBoolean();

	private final CompletableFuture<AuthorizationResponse> response = new CompletableFuture<>();

	LoopbackRedirectHandler(URI redirectUri, String expectedState, RedirectPages pages) {
		this.redirectUri = redirectUri;
		this.path = redirectUri.getRawPath();
		this.hosts = hosts(redirectUri.getPort());
		this.expectedState = expectedState.getBytes(StandardCharsets.UTF_8);
		this.pages = pages;
	}

	private static Set<String> hosts(int port) {
		String suffix = ":" + port;
		if (port == 80) {
			return Set.of("localhost", "127.0.0.1", "[::1]", "localhost" + suffix, "127.0.0.1" + suffix,
					"[::1]" + suffix);
		}
		return Set.of("localhost" + suffix, "127.0.0.1" + suffix, "[::1]" + suffix);
	}

	CompletableFuture<AuthorizationResponse> response() {
		return this.response;
	}

	@Override
	public void handle(HttpExchange exchange) {
		Reply reply;
		try {
			reply = reply(exchange);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not read the sign-in redirect request", ex);
			reply = Reply.page(500, "Sign-in failed", "The response could not be read.");
		}
		try {
			send(exchange, reply);
		}
		catch (IOException ex) {
			logger.debug("Could not send the sign-in redirect page", ex);
		}
		finally {
			exchange.close();
		}
		if (logger.isDebugEnabled()) {
			logger.debug(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " -> "
					+ reply.status());
		}
		AuthorizationResponse response = reply.response();
		RuntimeException failure = reply.failure();
		if (response != null) {
			this.response.complete(response);
		}
		else if (failure != null) {
			this.response.completeExceptionally(failure);
		}
	}

	private Reply reply(HttpExchange exchange) throws IOException {
		if (!hasLoopbackHost(exchange)) {
			return Reply.page(421, "Wrong address",
					"This address only answers requests for localhost, 127.0.0.1 or [::1].");
		}
		if (this.completing.get()) {
			return Reply.page(410, "Sign-in completed",
					"This sign-in has already completed. You can close this tab and return to the application.");
		}
		if (!this.path.equals(exchange.getRequestURI().getRawPath())) {
			return Reply.page(404, "Not found", "There is nothing here.");
		}
		String method = exchange.getRequestMethod();
		if ("GET".equals(method)) {
			return complete(exchange.getRequestURI().getRawQuery(), true);
		}
		if (!"POST".equals(method)) {
			return Reply.page(405, "Method not allowed", "Only GET and POST are allowed here.").allow("GET, POST");
		}
		if (!isForm(exchange.getRequestHeaders().getFirst("Content-Type"))) {
			return Reply.page(415, "Unsupported response", "The sign-in response must be sent as a form.");
		}
		String body = readBody(exchange);
		if (body == null) {
			return Reply.page(413, "Response too large", "The sign-in response is too large.");
		}
		return complete(body, false);
	}

	/**
	 * Check the parameters and decide what to answer.
	 * @param encoded the query string or form body
	 * @param query whether {@code encoded} is the query string of the request
	 * @return the reply
	 */
	private Reply complete(@Nullable String encoded, boolean query) {
		RedirectParameters parameters;
		try {
			parameters = RedirectParameters.parse(encoded);
		}
		catch (RedirectResponseException ex) {
			return claim(Reply.failure(ex, this.pages));
		}
		if (parameters.isEmpty()) {
			return Reply.page(400, "No sign-in response", "This request carries no sign-in response.");
		}
		String state = parameters.get("state");
		if (state == null || !MessageDigest.isEqual(this.expectedState, state.getBytes(StandardCharsets.UTF_8))) {
			return claim(Reply.failure(new RedirectStateMismatchException("The sign-in response does not belong to "
					+ "the sign-in in progress: its state is missing or different"), this.pages));
		}
		String code = parameters.get("code");
		String error = parameters.get("error");
		if (code == null && error == null) {
			return claim(Reply.failure(
					new RedirectResponseException("The sign-in response is malformed: it has neither a code nor an error"),
					this.pages));
		}
		URI received = URI.create(this.redirectUri + "?" + ((query && encoded != null) ? encoded : parameters.toQuery()));
		String errorDescription = parameters.get("error_description");
		AuthorizationResponse response = new AuthorizationResponse(received, code, error, errorDescription, state);
		if (error != null) {
			return claim(Reply.of(200, this.pages.errorRedirect(error, errorDescription),
					this.pages.errorHtml(error, errorDescription), response));
		}
		return claim(Reply.of(200, this.pages.successRedirect(), this.pages.successHtml(), response));
	}

	private Reply claim(Reply reply) {
		if (!this.completing.compareAndSet(false, true)) {
			return Reply.page(410, "Sign-in completed",
					"This sign-in has already completed. You can close this tab and return to the application.");
		}
		return reply;
	}

	private boolean hasLoopbackHost(HttpExchange exchange) {
		List<String> host = exchange.getRequestHeaders().get("Host");
		if (host == null || host.size() != 1 || !this.hosts.contains(host.get(0).toLowerCase(Locale.ROOT))) {
			return false;
		}
		String authority = exchange.getRequestURI().getRawAuthority();
		return authority == null || this.hosts.contains(authority.toLowerCase(Locale.ROOT));
	}

	private static boolean isForm(@Nullable String contentType) {
		if (contentType == null) {
			return false;
		}
		int semicolon = contentType.indexOf(';');
		String mediaType = (semicolon != -1) ? contentType.substring(0, semicolon) : contentType;
		return FORM_CONTENT_TYPE.equalsIgnoreCase(mediaType.trim());
	}

	private static @Nullable String readBody(HttpExchange exchange) throws IOException {
		String length = exchange.getRequestHeaders().getFirst("Content-Length");
		if (length != null && !isWithinLimit(length)) {
			return null;
		}
		try (InputStream body = exchange.getRequestBody()) {
			byte[] bytes = body.readNBytes(MAX_BODY_SIZE + 1);
			return (bytes.length <= MAX_BODY_SIZE) ? new String(bytes, StandardCharsets.UTF_8) : null;
		}
	}

	private static boolean isWithinLimit(String contentLength) {
		try {
			return Long.parseLong(contentLength.trim()) <= MAX_BODY_SIZE;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static void send(HttpExchange exchange, Reply reply) throws IOException {
		Headers headers = exchange.getResponseHeaders();
		headers.set("Content-Type", "text/html; charset=utf-8");
		headers.set("Cache-Control", "no-store");
		headers.set("Referrer-Policy", "no-referrer");
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		String allow = reply.allow();
		if (allow != null) {
			headers.set("Allow", allow);
		}
		URI location = reply.location();
		if (location != null) {
			headers.set("Location", location.toASCIIString());
		}
		byte[] body = reply.html().getBytes(StandardCharsets.UTF_8);
		boolean head = "HEAD".equals(exchange.getRequestMethod());
		exchange.sendResponseHeaders(reply.status(), head ? -1 : body.length);
		if (!head) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
				out.flush();
			}
		}
	}

	/**
	 * What to answer and how to complete the future once the answer has been sent.
	 */
	private record Reply(int status, @Nullable URI location, String html, @Nullable String allow,
			@Nullable AuthorizationResponse response, @Nullable RuntimeException failure) {

		static Reply page(int status, String title, String message) {
			return new Reply(status, null, RedirectPages.messagePage(title, message), null, null, null);
		}

		static Reply of(int status, @Nullable URI location, String html, AuthorizationResponse response) {
			return new Reply((location != null) ? 302 : status, location, html, null, response, null);
		}

		static Reply failure(RedirectResponseException failure, RedirectPages pages) {
			String error = (failure instanceof RedirectStateMismatchException) ? "invalid_state" : "invalid_response";
			String description = (failure instanceof RedirectStateMismatchException)
					? "This sign-in response does not belong to the sign-in in progress. "
							+ "Start sign-in again from the application."
					: "The sign-in response could not be understood. Start sign-in again from the application.";
			return new Reply(400, null, pages.errorHtml(error, description), null, null, failure);
		}

		Reply allow(String methods) {
			return new Reply(this.status, this.location, this.html, methods, this.response, this.failure);
		}

	}

}
