package dev.desktopidentity.benchmarks.http;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.implementation.AccessTokenCache;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.SilentParameters;
import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.SignedInAccount;
import dev.desktopidentity.http.BearerTokenInterceptor;
import dev.desktopidentity.http.ProtectedResource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Per-request cost of putting a valid bearer token on a request: this project's
 * {@link BearerTokenInterceptor} against MSAL4J's silent acquisition with a persistent
 * (file) cache, azure-core's {@code AccessTokenCache} and a bare volatile read. Every
 * variant ends with the {@code Authorization} header set on the request and starts by
 * removing the one the previous invocation set.
 * <pre class="code">
 * java -jar benchmarks/target/benchmarks.jar InterceptorBenchmark -t 1
 * </pre>
 * Every fork runs on a fixed, pre-touched heap ({@code -Xms1g -Xmx1g -XX:+AlwaysPreTouch}):
 * on the default heap, the rows jump between runs of very different cost within one fork.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch" })
public class InterceptorBenchmark {

	private static final URI API_URL = URI.create("https://api.contoso.test/v1/me/messages?$top=10");

	private static final byte[] NO_BODY = new byte[0];

	private static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9." + "x".repeat(1200) + ".signature";

	/**
	 * A request per thread, as each thread sends its own.
	 */
	@State(Scope.Thread)
	public static class ThreadRequest {

		BenchmarkRequest request;

		@Setup
		public void create() {
			this.request = new BenchmarkRequest(API_URL);
		}

	}

	/**
	 * The interceptor as the starter configures it: two resources, the request matching
	 * the second, a token valid for an hour already in memory.
	 */
	@State(Scope.Benchmark)
	public static class Interceptor {

		BearerTokenInterceptor interceptor;

		@Setup
		public void create() throws Exception {
			InteractiveTokenProvider tokens = (request) -> new AccessToken(TOKEN, Instant.now().plusSeconds(3600),
					request.getScopes(), new SignedInAccount("alice@contoso.test", "alice.home", "login.test"));
			this.interceptor = new BearerTokenInterceptor(tokens,
					List.of(ProtectedResource.of("graph", URI.create("https://graph.microsoft.com/v1.0"),
							List.of("User.Read")),
							ProtectedResource.of("api", URI.create("https://api.contoso.test/v1"),
									List.of("api://contoso/read"))));
			BenchmarkRequest first = new BenchmarkRequest(API_URL);
			this.interceptor.intercept(first, new byte[0], BenchmarkRequest.OK);
		}

	}

	/**
	 * The same interceptor, but one per thread: nothing shared between the threads but
	 * the code, to tell the cost of sharing one interceptor from that of running two
	 * threads at all.
	 */
	@State(Scope.Thread)
	public static class OwnInterceptor extends Interceptor {

	}

	/**
	 * MSAL4J with a persistent cache that holds a valid access token.
	 */
	@State(Scope.Benchmark)
	public static class Msal {

		SignedInMsalApplication signedIn;

		SilentParameters parameters;

		@Setup(Level.Trial)
		public void signIn() throws Exception {
			this.signedIn = new SignedInMsalApplication();
			this.parameters = SilentParameters.builder(this.signedIn.scopes(), this.signedIn.account()).build();
		}

		@TearDown(Level.Trial)
		public void close() throws Exception {
			this.signedIn.close();
		}

	}

	/**
	 * azure-core's token cache in front of a credential that returns a token valid for an
	 * hour.
	 */
	@State(Scope.Benchmark)
	public static class AzureCore {

		AccessTokenCache cache;

		TokenRequestContext context;

		@Setup
		public void create() {
			TokenCredential credential = (context) -> Mono
				.just(new com.azure.core.credential.AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
			this.cache = new AccessTokenCache(credential);
			this.context = new TokenRequestContext().addScopes("api://contoso/read");
			this.cache.getTokenSync(this.context, false);
		}

	}

	/**
	 * The least any cache can do: one volatile read and an expiry compare.
	 */
	@State(Scope.Benchmark)
	public static class Bare {

		volatile CachedToken token = new CachedToken(TOKEN, System.currentTimeMillis() + 3_600_000);

	}

	/**
	 * What every variant spends on removing the previous invocation's header, to subtract.
	 */
	@Benchmark
	public HttpHeaders resetOnly(ThreadRequest thread) {
		thread.request.reset();
		return thread.request.getHeaders();
	}

	@Benchmark
	public ClientHttpResponse interceptor(Interceptor state, ThreadRequest thread) throws Exception {
		thread.request.reset();
		return state.interceptor.intercept(thread.request, NO_BODY, BenchmarkRequest.OK);
	}

	@Benchmark
	public ClientHttpResponse interceptorPerThread(OwnInterceptor state, ThreadRequest thread) throws Exception {
		thread.request.reset();
		return state.interceptor.intercept(thread.request, NO_BODY, BenchmarkRequest.OK);
	}

	/**
	 * A new request for each invocation, as an application sends: nothing that the
	 * threads write is shared or long-lived. Subtract {@link #newRequestOnly}.
	 */
	@Benchmark
	public ClientHttpResponse interceptorNewRequest(Interceptor state) throws Exception {
		return state.interceptor.intercept(new BenchmarkRequest(API_URL), NO_BODY, BenchmarkRequest.OK);
	}

	/**
	 * What {@link #interceptorNewRequest} spends on creating the request, to subtract.
	 */
	@Benchmark
	public HttpRequest newRequestOnly() {
		return new BenchmarkRequest(API_URL);
	}

	@Benchmark
	public HttpHeaders msalSilentWithPersistentCache(Msal state, ThreadRequest thread) throws Exception {
		thread.request.reset();
		IAuthenticationResult result = state.signedIn.application().acquireTokenSilently(state.parameters).get();
		HttpHeaders headers = thread.request.getHeaders();
		headers.setBearerAuth(result.accessToken());
		return headers;
	}

	@Benchmark
	public HttpHeaders azureCoreAccessTokenCache(AzureCore state, ThreadRequest thread) {
		thread.request.reset();
		com.azure.core.credential.AccessToken token = state.cache.getTokenSync(state.context, false);
		HttpHeaders headers = thread.request.getHeaders();
		headers.setBearerAuth(token.getToken());
		return headers;
	}

	@Benchmark
	public HttpHeaders bareVolatileRead(Bare state, ThreadRequest thread) {
		thread.request.reset();
		CachedToken token = state.token;
		if (System.currentTimeMillis() >= token.expiresAt) {
			throw new IllegalStateException("expired");
		}
		HttpHeaders headers = thread.request.getHeaders();
		headers.setBearerAuth(token.value);
		return headers;
	}

	record CachedToken(String value, long expiresAt) {

		@Override
		public String toString() {
			return "CachedToken[expiresAt=" + this.expiresAt + "]";
		}

	}

}
