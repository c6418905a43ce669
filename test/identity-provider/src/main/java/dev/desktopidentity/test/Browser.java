package dev.desktopidentity.test;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import com.nimbusds.oauth2.sdk.util.URLUtils;

/**
 * The user agent of a {@link ScriptedUser}: an HTTP client with a cookie jar that
 * follows no redirects and gives every request a timeout.
 */
final class Browser {

	private final SSLContext sslContext;

	private final CookieManager cookies;

	private final Duration timeout;

	private final HttpClient client;

	Browser(SSLContext sslContext, Duration timeout) {
		this(sslContext, new CookieManager(null, CookiePolicy.ACCEPT_ALL), timeout);
	}

	private Browser(SSLContext sslContext, CookieManager cookies, Duration timeout) {
		this.sslContext = sslContext;
		this.cookies = cookies;
		this.timeout = timeout;
		this.client = HttpClient.newBuilder()
			.sslContext(sslContext)
			.cookieHandler(cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(timeout)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	/**
	 * Return a browser that shares this one's cookies but waits differently.
	 * @param newTimeout the timeout of each request
	 * @return the browser
	 */
	Browser withTimeout(Duration newTimeout) {
		return new Browser(this.sslContext, this.cookies, newTimeout);
	}

	HttpResponse<String> get(URI uri) {
		return send(HttpRequest.newBuilder(uri).timeout(this.timeout).GET().build());
	}

	HttpResponse<String> post(URI uri, Map<String, String> form) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		form.forEach((name, value) -> parameters.put(name, List.of(value)));
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(this.timeout)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(URLUtils.serializeParameters(parameters)))
			.build();
		return send(request);
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (HttpTimeoutException ex) {
			throw new IllegalStateException(
					describe(request) + " got no answer within " + this.timeout.toMillis() + " ms", ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException(describe(request) + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(describe(request) + " was interrupted", ex);
		}
	}

	/**
	 * Describe a request without its query, which may hold codes.
	 * @param request the request
	 * @return the description
	 */
	private static String describe(HttpRequest request) {
		URI uri = request.uri();
		return request.method() + " " + uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
	}

}
