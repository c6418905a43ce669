package dev.desktopidentity.signin;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * Decides what a {@link LoopbackRedirectReceiver} answers to each request, and which
 * request is the authorization response that ends the wait.
 * <p>
 * Only a request to the redirect path, addressed to a loopback host, whose {@code state}
 * is the one sent with the authorization request and which carries a code or an error is
 * the response; it is taken once. Every other request is answered with a page and
 * ignored, so that no other local process, and no web page that guesses the port, can end
 * or spoil a sign-in in progress: only whoever saw the {@code state} can.
 */
final class LoopbackRedirectHandler {

	private static final String ALREADY_COMPLETED = "This sign-in has already completed. You can close this tab and "
			+ "return to the application.";

	private final URI redirectUri;

	private final String path;

	private final Set<String> hosts;

	private final byte[] expectedState;

	private final RedirectPages pages;

	private final AtomicBoolean taken = new AtomicBoolean();

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

	/**
	 * Decide the answer to a request.
	 * @param request the request
	 * @return the answer, with the authorization response when the request is the one
	 * that ends the wait
	 */
	RedirectReply reply(RedirectRequest request) {
		if (!hasLoopbackHost(request)) {
			return RedirectReply.page(421, "Wrong address",
					"This address only answers requests for localhost, 127.0.0.1 or [::1].");
		}
		if (this.taken.get()) {
			return RedirectReply.page(410, "Sign-in completed", ALREADY_COMPLETED);
		}
		if (!this.path.equals(request.path())) {
			return RedirectReply.page(404, "Not found", "There is nothing here.");
		}
		String method = request.method();
		if ("GET".equals(method)) {
			return respond(request.query(), true);
		}
		if (!"POST".equals(method)) {
			return RedirectReply.page(405, "Method not allowed", "Only GET and POST are allowed here.")
				.withAllow("GET, POST");
		}
		if (!isForm(request.singleHeader("Content-Type"))) {
			return RedirectReply.page(415, "Unsupported response", "The sign-in response must be sent as a form.");
		}
		return respond(new String(request.body(), StandardCharsets.UTF_8), false);
	}

	/**
	 * Check the parameters of a request to the redirect path and decide what to answer.
	 * @param encoded the query string or form body
	 * @param query whether {@code encoded} is the query string of the request
	 * @return the reply
	 */
	private RedirectReply respond(@Nullable String encoded, boolean query) {
		RedirectParameters parameters;
		try {
			parameters = RedirectParameters.parse(encoded);
		}
		catch (RedirectResponseException ex) {
			return notUnderstood();
		}
		if (parameters.isEmpty()) {
			return RedirectReply.page(400, "No sign-in response", "This request carries no sign-in response.");
		}
		String state = parameters.get("state");
		if (state == null || !MessageDigest.isEqual(this.expectedState, state.getBytes(StandardCharsets.UTF_8))) {
			return RedirectReply.page(400, "Not this sign-in",
					"This response does not belong to the sign-in the application is waiting for, so it was "
							+ "ignored. If you are signing in, finish in the browser tab that the application opened "
							+ "last.")
				.ignored("state missing or different");
		}
		String code = parameters.get("code");
		String error = parameters.get("error");
		if (code == null && error == null) {
			return notUnderstood();
		}
		if (!this.taken.compareAndSet(false, true)) {
			return RedirectReply.page(410, "Sign-in completed", ALREADY_COMPLETED);
		}
		URI received = received(encoded, query, parameters);
		String errorDescription = parameters.get("error_description");
		AuthorizationResponse response = new AuthorizationResponse(received, code, error, errorDescription, state);
		if (error != null) {
			return RedirectReply.of(this.pages.errorRedirect(error, errorDescription),
					this.pages.errorHtml(error, errorDescription), response);
		}
		return RedirectReply.of(this.pages.successRedirect(), this.pages.successHtml(), response);
	}

	private static RedirectReply notUnderstood() {
		return RedirectReply.page(400, "Not a sign-in response",
				"This request is not a sign-in response that the application can understand, so it was ignored.")
			.ignored("malformed");
	}

	/**
	 * Return the redirect URI with the response's parameters as its query: as received
	 * for a query that is a valid URI query, else encoded again.
	 */
	private URI received(@Nullable String encoded, boolean query, RedirectParameters parameters) {
		if (query && encoded != null) {
			try {
				return URI.create(this.redirectUri + "?" + encoded);
			}
			catch (IllegalArgumentException ex) {
				// not a valid URI query, though its parameters decode: encode them again
			}
		}
		return URI.create(this.redirectUri + "?" + parameters.toQuery());
	}

	private boolean hasLoopbackHost(RedirectRequest request) {
		List<String> host = request.header("Host");
		if (host.size() != 1 || !this.hosts.contains(host.get(0).toLowerCase(Locale.ROOT))) {
			return false;
		}
		String authority = request.authority();
		return authority == null || this.hosts.contains(authority.toLowerCase(Locale.ROOT));
	}

	private static boolean isForm(@Nullable String contentType) {
		if (contentType == null) {
			return false;
		}
		int semicolon = contentType.indexOf(';');
		String mediaType = (semicolon != -1) ? contentType.substring(0, semicolon) : contentType;
		return "application/x-www-form-urlencoded".equalsIgnoreCase(mediaType.trim());
	}

}
