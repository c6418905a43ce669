package dev.desktopidentity.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.AbstractClientHttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.StreamUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@link ClientHttpRequestFactory} that keeps bearer tokens from following redirects. A
 * request to a URL that gets a token is sent by a client that does not follow
 * redirects; this factory follows them itself (when redirects are to be followed at all)
 * and drops the {@code Authorization} header as soon as a redirect leaves the origin or
 * lands outside the protected URLs. Other requests go to the client that follows
 * redirects as configured.
 */
public final class TokenSafeRedirectsRequestFactory implements ClientHttpRequestFactory {

	private static final int MAX_REDIRECTS = 10;

	private final SingletonSupplier<ClientHttpRequestFactory> following;

	private final SingletonSupplier<ClientHttpRequestFactory> notFollowing;

	private final Predicate<URI> getsToken;

	private final boolean followRedirects;

	/**
	 * Create a new instance.
	 * @param following the factory for requests that get no token, which follows
	 * redirects as configured
	 * @param notFollowing the same client, set not to follow redirects
	 * @param getsToken which URLs get a token
	 * @param followRedirects whether redirects are to be followed at all
	 */
	public TokenSafeRedirectsRequestFactory(ClientHttpRequestFactory following, ClientHttpRequestFactory notFollowing,
			Predicate<URI> getsToken, boolean followRedirects) {
		this(() -> following, () -> notFollowing, getsToken, followRedirects);
	}

	/**
	 * Create a new instance whose clients are built when they first send a request: an
	 * application that builds its {@code RestClient} at start-up and calls an API later,
	 * or never, does not build them (nor their TLS contexts) at start-up.
	 * @param following builds the factory for requests that get no token, which follows
	 * redirects as configured
	 * @param notFollowing builds the same client, set not to follow redirects
	 * @param getsToken which URLs get a token
	 * @param followRedirects whether redirects are to be followed at all
	 */
	public TokenSafeRedirectsRequestFactory(Supplier<? extends ClientHttpRequestFactory> following,
			Supplier<? extends ClientHttpRequestFactory> notFollowing, Predicate<URI> getsToken,
			boolean followRedirects) {
		this.following = SingletonSupplier.of(following::get);
		this.notFollowing = SingletonSupplier.of(notFollowing::get);
		this.getsToken = getsToken;
		this.followRedirects = followRedirects;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
		if (!this.getsToken.test(uri)) {
			return this.following.obtain().createRequest(uri, httpMethod);
		}
		if (!this.followRedirects) {
			return this.notFollowing.obtain().createRequest(uri, httpMethod);
		}
		return new RedirectFollowingRequest(uri, httpMethod);
	}

	private static boolean isRedirect(int status) {
		return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
	}

	private static boolean sameOrigin(URI from, URI to) {
		return from.getScheme().equalsIgnoreCase(to.getScheme()) && from.getHost().equalsIgnoreCase(to.getHost())
				&& port(from) == port(to);
	}

	private static int port(URI uri) {
		return (uri.getPort() != -1) ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	/**
	 * A request that follows redirects one by one, deciding at each hop whether the
	 * {@code Authorization} header may go along.
	 */
	private final class RedirectFollowingRequest extends AbstractClientHttpRequest {

		private final URI uri;

		private final HttpMethod method;

		private final ByteArrayOutputStream body = new ByteArrayOutputStream(256);

		RedirectFollowingRequest(URI uri, HttpMethod method) {
			this.uri = uri;
			this.method = method;
		}

		@Override
		public HttpMethod getMethod() {
			return this.method;
		}

		@Override
		public URI getURI() {
			return this.uri;
		}

		@Override
		protected OutputStream getBodyInternal(HttpHeaders headers) {
			return this.body;
		}

		@Override
		protected ClientHttpResponse executeInternal(HttpHeaders headers) throws IOException {
			URI uri = this.uri;
			HttpMethod method = this.method;
			byte[] body = this.body.toByteArray();
			HttpHeaders current = HttpHeaders.copyOf(headers);
			for (int redirects = 0;; redirects++) {
				boolean protectedUrl = TokenSafeRedirectsRequestFactory.this.getsToken.test(uri);
				ClientHttpResponse response = send(uri, method, current, body, protectedUrl);
				String location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
				int status = response.getStatusCode().value();
				if (!protectedUrl || !isRedirect(status) || location == null || redirects == MAX_REDIRECTS) {
					return response;
				}
				URI target = resolve(uri, location);
				if (target == null || ("https".equalsIgnoreCase(uri.getScheme())
						&& !"https".equalsIgnoreCase(target.getScheme()))) {
					return response;
				}
				response.close();
				if (status == 303 || ((status == 301 || status == 302) && method == HttpMethod.POST)) {
					method = HttpMethod.GET;
					body = new byte[0];
					current.remove(HttpHeaders.CONTENT_TYPE);
					current.remove(HttpHeaders.CONTENT_LENGTH);
				}
				if (!sameOrigin(uri, target) || !TokenSafeRedirectsRequestFactory.this.getsToken.test(target)) {
					current.remove(HttpHeaders.AUTHORIZATION);
				}
				uri = target;
			}
		}

		private ClientHttpResponse send(URI uri, HttpMethod method, HttpHeaders headers, byte[] body,
				boolean protectedUrl) throws IOException {
			ClientHttpRequestFactory factory = (protectedUrl ? TokenSafeRedirectsRequestFactory.this.notFollowing
					: TokenSafeRedirectsRequestFactory.this.following).obtain();
			ClientHttpRequest request = factory.createRequest(uri, method);
			request.getHeaders().putAll(headers);
			if (body.length > 0) {
				StreamUtils.copy(body, request.getBody());
			}
			return request.execute();
		}

		private static @Nullable URI resolve(URI base, String location) {
			try {
				URI target = base.resolve(location);
				return (target.isAbsolute() && target.getHost() != null) ? target : null;
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}

	}

	@Override
	public String toString() {
		return "TokenSafeRedirectsRequestFactory[followRedirects=" + this.followRedirects + "]";
	}

}
