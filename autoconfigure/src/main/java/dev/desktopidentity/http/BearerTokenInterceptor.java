package dev.desktopidentity.http;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.TokenRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.Assert;

/**
 * {@link ClientHttpRequestInterceptor} that sends the signed-in user's access token as
 * {@code Authorization: Bearer <token>} to the configured {@link ProtectedResource
 * protected resources}, for {@code RestTemplate}, {@code RestClient} and the HTTP service
 * clients built on it. With the starter, {@code identity.resources.*} configures it and
 * every {@code RestTemplateBuilder} and {@code RestClient.Builder} that Spring Boot
 * provides gets it:
 * <pre class="code">
 * identity.resources.graph.base-url=https://graph.microsoft.com/v1.0
 * identity.resources.graph.scopes=User.Read
 *
 * &#64;Bean
 * CommandLineRunner callApi(RestClient.Builder http) {
 *     return (args) -&gt; {
 *         String me = http.build().get().uri("https://graph.microsoft.com/v1.0/me")
 *             .retrieve().body(String.class);
 *     };
 * }
 * </pre>
 * <p>
 * A request gets a token only if its URL is under a resource's base URL (see
 * {@link ProtectedResource#matches(URI)}), it has no {@code Authorization} header yet and
 * it does not carry the {@link #NO_TOKEN_ATTRIBUTE} attribute ({@code RestClient}:
 * {@code .attributes(BearerTokenInterceptor.withoutToken())}). Tokens are kept in memory
 * per set of scopes with their header value built once, and renewed in the background
 * ahead of expiry while the current one is still sent.
 * <p>
 * When the API answers {@code 401} with a {@code Bearer} challenge, the request is sent
 * once more with a new token: for {@code error="insufficient_claims"} with {@code claims}
 * (a claims challenge) a token with those claims, which may need interactive sign-in;
 * for {@code error="invalid_token"} a token from the identity provider rather than from
 * the token cache. Any other {@code 401}, and the response to the second attempt, is
 * returned as it is.
 * <p>
 * The interceptor does not see redirects that the HTTP client follows, and some clients
 * (the JDK {@code HttpClient} among them) send the {@code Authorization} header on to
 * another origin. The auto-configured builders therefore send requests that get a token
 * through a client that follows redirects itself and drops the header when a redirect
 * leaves the protected URLs; a client built by hand should not follow redirects.
 *
 * @since 0.1.0
 */
public final class BearerTokenInterceptor implements ClientHttpRequestInterceptor {

	/**
	 * Name of the request attribute that, when present, keeps the token off a request.
	 */
	public static final String NO_TOKEN_ATTRIBUTE = BearerTokenInterceptor.class.getName() + ".NO_TOKEN";

	/**
	 * The header name in lower case: header names are case-insensitive, and
	 * {@link HttpHeaders} then finds it without lower-casing a copy on every request.
	 */
	private static final String AUTHORIZATION = "authorization";

	private final ProtectedResource[] resources;

	private final BearerTokenSlot[] slots;

	/**
	 * Create a new instance that renews tokens ahead of expiry on a new daemon thread.
	 * @param tokens where tokens come from
	 * @param resources the resources that get tokens
	 */
	public BearerTokenInterceptor(InteractiveTokenProvider tokens, Collection<ProtectedResource> resources) {
		this(tokens, resources, BearerTokenInterceptor::startDaemon);
	}

	/**
	 * Create a new instance.
	 * @param tokens where tokens come from
	 * @param resources the resources that get tokens
	 * @param executor where tokens are renewed ahead of expiry
	 */
	public BearerTokenInterceptor(InteractiveTokenProvider tokens, Collection<ProtectedResource> resources,
			Executor executor) {
		this(tokens, resources, executor, Clock.systemUTC());
	}

	BearerTokenInterceptor(InteractiveTokenProvider tokens, Collection<ProtectedResource> resources,
			Executor executor, Clock clock) {
		Assert.notNull(tokens, "'tokens' must not be null");
		Assert.notNull(resources, "'resources' must not be null");
		Assert.notNull(executor, "'executor' must not be null");
		this.resources = resources.toArray(new ProtectedResource[0]);
		this.slots = new BearerTokenSlot[this.resources.length];
		Map<Set<String>, BearerTokenSlot> byScopes = new LinkedHashMap<>();
		for (int i = 0; i < this.resources.length; i++) {
			this.slots[i] = byScopes.computeIfAbsent(this.resources[i].getScopes(), (scopes) -> new BearerTokenSlot(
					TokenRequest.builder().scopes(scopes).build(), tokens::getToken, executor, clock));
		}
	}

	/**
	 * Return a {@code RestClient} attributes consumer that keeps the token off a request.
	 * <pre class="code">
	 * restClient.get().uri(url).attributes(BearerTokenInterceptor.withoutToken()).retrieve();
	 * </pre>
	 * @return the consumer
	 */
	public static Consumer<Map<String, Object>> withoutToken() {
		return (attributes) -> attributes.put(NO_TOKEN_ATTRIBUTE, Boolean.TRUE);
	}

	/**
	 * Return the resources that get tokens.
	 * @return the resources
	 */
	public List<ProtectedResource> getResources() {
		return List.of(this.resources);
	}

	/**
	 * Return whether requests to the given URL get a token (unless they opt out).
	 * @param url the URL of a request
	 * @return whether the URL is under a resource's base URL
	 */
	public boolean sendsTokenTo(URI url) {
		for (ProtectedResource resource : this.resources) {
			if (resource.matches(url)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		BearerTokenSlot slot = slotFor(request);
		if (slot == null) {
			return execution.execute(request, body);
		}
		String authorization = slot.freshAuthorization();
		if (authorization != null) {
			// one lookup that also leaves a header the caller set alone
			List<String> value = new ArrayList<>(1);
			value.add(authorization);
			if (request.getHeaders().putIfAbsent(AUTHORIZATION, value) != null) {
				return execution.execute(request, body);
			}
		}
		else {
			if (request.getHeaders().containsHeader(AUTHORIZATION)) {
				return execution.execute(request, body);
			}
			authorization = slot.authorization();
			request.getHeaders().set(AUTHORIZATION, authorization);
		}
		ClientHttpResponse response = execution.execute(request, body);
		if (response.getStatusCode().value() != 401) {
			return response;
		}
		return retryOnChallenge(request, body, execution, slot, authorization, response);
	}

	private @Nullable BearerTokenSlot slotFor(HttpRequest request) {
		URI url = request.getURI();
		for (int i = 0; i < this.resources.length; i++) {
			if (this.resources[i].matches(url)) {
				return request.getAttributes().containsKey(NO_TOKEN_ATTRIBUTE) ? null : this.slots[i];
			}
		}
		return null;
	}

	/**
	 * Send the request once more with a new token if the 401 is a claims challenge or an
	 * {@code invalid_token}; return any other 401 as it is.
	 */
	private ClientHttpResponse retryOnChallenge(HttpRequest request, byte[] body,
			ClientHttpRequestExecution execution, BearerTokenSlot slot, String rejected, ClientHttpResponse response)
			throws IOException {
		BearerChallenge challenge = BearerChallenge.find(response.getHeaders().getOrEmpty(HttpHeaders.WWW_AUTHENTICATE));
		TokenRequest retry = null;
		if (challenge != null && challenge.isClaimsChallenge()) {
			retry = slot.request().mutate().claims(challenge.claims()).build();
		}
		else if (challenge != null && challenge.isInvalidToken()) {
			retry = slot.request().mutate().forceRefresh(true).build();
		}
		if (retry == null) {
			return response;
		}
		String authorization;
		try {
			authorization = slot.replace(rejected, retry);
		}
		catch (RuntimeException ex) {
			response.close();
			throw ex;
		}
		if (authorization.equals(rejected)) {
			return response;
		}
		response.close();
		request.getHeaders().set(AUTHORIZATION, authorization);
		return execution.execute(request, body);
	}

	private static void startDaemon(Runnable task) {
		Thread thread = new Thread(task, "identity-token-renewal");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public String toString() {
		List<String> names = new ArrayList<>();
		for (ProtectedResource resource : this.resources) {
			names.add(resource.getName());
		}
		return "BearerTokenInterceptor[resources=" + names + "]";
	}

}
