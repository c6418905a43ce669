package dev.desktopidentity.benchmarks.http;

import java.util.concurrent.TimeUnit;

import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.SilentParameters;
import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.TokenRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code InteractiveTokenProvider.getToken()} costs a direct caller when the token
 * it returns is valid, with the auto-configured provider: the starter's persistent token
 * cache ({@code identity.cache.protection=none}) or the in-memory one, an account signed in
 * once against the local identity provider on loopback. {@code msalSilent} is MSAL4J's own
 * silent call on the same application, for comparison.
 * <pre class="code">
 * java -jar benchmarks/target/benchmarks.jar TokenProvider -t 1
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch" })
@State(Scope.Benchmark)
public class TokenProviderBenchmark {

	private static final TokenRequest SCOPES = TokenRequest.forScopes(SignedInMsalApplication.SCOPE);

	@Param({ "persistent", "memory" })
	public String cache;

	private SignedInMsalApplication signedIn;

	private InteractiveTokenProvider provider;

	private SilentParameters silent;

	@Setup(Level.Trial)
	public void signIn() throws Exception {
		this.signedIn = new SignedInMsalApplication("persistent".equals(this.cache));
		this.provider = this.signedIn.provider();
		this.silent = SilentParameters.builder(this.signedIn.scopes(), this.signedIn.account()).build();
		// the first silent call after sign-in finds the token in MSAL4J's cache
		this.provider.getToken();
	}

	@TearDown(Level.Trial)
	public void close() throws Exception {
		this.signedIn.close();
	}

	/**
	 * {@code getToken()}: the default scopes.
	 */
	@Benchmark
	public AccessToken getToken() {
		return this.provider.getToken();
	}

	/**
	 * {@code getToken(TokenRequest.forScopes(...))}: scopes named by the caller.
	 */
	@Benchmark
	public AccessToken getTokenForScopes() {
		return this.provider.getToken(SCOPES);
	}

	/**
	 * MSAL4J's {@code acquireTokenSilently} for the same account and scopes.
	 */
	@Benchmark
	public IAuthenticationResult msalSilent() throws Exception {
		return this.signedIn.application().acquireTokenSilently(this.silent).get();
	}

}
