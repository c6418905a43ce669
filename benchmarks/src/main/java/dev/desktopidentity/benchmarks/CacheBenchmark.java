package dev.desktopidentity.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.microsoft.aad.msal4j.TokenCache;
import com.microsoft.aad.msal4j.TokenCacheAccessContext;
import dev.desktopidentity.cache.CacheProtection;
import dev.desktopidentity.cache.PersistentTokenCache;
import org.jspecify.annotations.Nullable;
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
 * The persistent token cache with 20 accounts, each with an access token, a refresh
 * token and an ID token of realistic size, protected by the Secret Service ({@code os})
 * or in a plain file ({@code none}).
 * <ul>
 * <li>{@code read}: the first access of a run: look up the key, read, decrypt and load
 * the file.</li>
 * <li>{@code readUnchanged}: a later access when no other process has written: lock and
 * check the file.</li>
 * <li>{@code write}: an access that changes a token: serialize, encrypt, write a
 * temporary file, flush it to the disk and move it over the cache.</li>
 * </ul>
 * The {@code os} runs need an unlocked Secret Service, for example under
 * {@code dbus-run-session} with {@code gnome-keyring-daemon --unlock}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch" })
@State(Scope.Benchmark)
public class CacheBenchmark {

	private static final String CLIENT_ID = "benchmark-client";

	private static final int ACCOUNTS = 20;

	private static final SecureRandom random = new SecureRandom();

	@Param({ "none", "os" })
	public String protection;

	private @Nullable Path directory;

	private @Nullable PersistentTokenCache cache;

	private @Nullable TokenCache tokens;

	private int writes;

	@Setup(Level.Trial)
	public void createCache() throws IOException {
		this.directory = Files.createTempDirectory("cache-benchmark");
		this.cache = newCache();
		this.tokens = new TokenCache();
		access(this.cache, this.tokens, cacheJson());
		// what read() measures: the whole cache loaded, not a file moved aside as damaged
		TokenCache read = read();
		if (!read.serialize().contains("user" + (ACCOUNTS - 1) + "@contoso.com")) {
			throw new IllegalStateException("The benchmark's token cache was not read back: see the log above");
		}
	}

	@TearDown(Level.Trial)
	public void deleteCache() throws IOException, InterruptedException {
		if ("os".equals(this.protection)) {
			// one key per trial: leave no key behind in the Secret Service
			new ProcessBuilder("secret-tool", "clear", "client-id", CLIENT_ID, "cache",
					this.directory.toAbsolutePath().toString())
				.inheritIO()
				.start()
				.waitFor();
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

	@Benchmark
	public TokenCache read() {
		TokenCache tokens = new TokenCache();
		access(newCache(), tokens, null);
		return tokens;
	}

	@Benchmark
	public TokenCache readUnchanged() {
		access(this.cache, this.tokens, null);
		return this.tokens;
	}

	@Benchmark
	public TokenCache write() {
		String home = "user0.tenant";
		String change = "{\"AccessToken\":{\"" + home + "-login.microsoftonline.com-accesstoken-" + CLIENT_ID
				+ "-tenant-api://app/read\":" + credential(home, "AccessToken", token(1200),
						",\"realm\":\"tenant\",\"target\":\"api://app/read\",\"cached_at\":\"" + (this.writes++)
								+ "\",\"expires_on\":\"9999999999\",\"extended_expires_on\":\"9999999999\"")
				+ "}}";
		access(this.cache, this.tokens, change);
		return this.tokens;
	}

	private PersistentTokenCache newCache() {
		return new PersistentTokenCache(this.directory, CLIENT_ID,
				"os".equals(this.protection) ? CacheProtection.OS : CacheProtection.NONE, false);
	}

	private static void access(PersistentTokenCache cache, TokenCache tokens, @Nullable String change) {
		TokenCacheAccessContext context = TokenCacheAccessContext.builder()
			.tokenCache(tokens)
			.clientId(CLIENT_ID)
			.hasCacheChanged(change != null)
			.build();
		cache.beforeCacheAccess(context);
		try {
			if (change != null) {
				tokens.deserialize(change);
			}
		}
		finally {
			cache.afterCacheAccess(context);
		}
	}

	private static String cacheJson() {
		StringBuilder accounts = new StringBuilder();
		StringBuilder accessTokens = new StringBuilder();
		StringBuilder refreshTokens = new StringBuilder();
		StringBuilder idTokens = new StringBuilder();
		for (int i = 0; i < ACCOUNTS; i++) {
			String home = "user" + i + ".tenant";
			String prefix = (i > 0) ? "," : "";
			String key = home + "-login.microsoftonline.com-";
			accounts.append(prefix).append('"').append(key).append("tenant\":{\"home_account_id\":\"").append(home)
				.append("\",\"environment\":\"login.microsoftonline.com\",\"realm\":\"tenant\",")
				.append("\"local_account_id\":\"user")
				.append(i).append("\",\"username\":\"user").append(i)
				.append("@contoso.com\",\"authority_type\":\"MSSTS\"}");
			accessTokens.append(prefix).append('"').append(key).append("accesstoken-").append(CLIENT_ID)
				.append("-tenant-api://app/read\":")
				.append(credential(home, "AccessToken", token(1200),
						",\"realm\":\"tenant\",\"target\":\"api://app/read\",\"cached_at\":\"1700000000\","
								+ "\"expires_on\":\"9999999999\",\"extended_expires_on\":\"9999999999\""));
			refreshTokens.append(prefix).append('"').append(key).append("refreshtoken-").append(CLIENT_ID)
				.append("--\":").append(credential(home, "RefreshToken", token(800), ""));
			idTokens.append(prefix).append('"').append(key).append("idtoken-").append(CLIENT_ID)
				.append("-tenant-\":").append(credential(home, "IdToken", idToken(i), ",\"realm\":\"tenant\""));
		}
		return "{\"Account\":{" + accounts + "},\"AccessToken\":{" + accessTokens + "},\"RefreshToken\":{"
				+ refreshTokens + "},\"IdToken\":{" + idTokens + "}}";
	}

	private static String credential(String home, String type, String secret, String extra) {
		return "{\"home_account_id\":\"" + home + "\",\"environment\":\"login.microsoftonline.com\","
				+ "\"credential_type\":\"" + type + "\",\"client_id\":\"" + CLIENT_ID + "\",\"secret\":\"" + secret
				+ "\"" + extra + "}";
	}

	/**
	 * An ID token shaped as MSAL4J writes one, a JWT whose payload is a JSON object:
	 * a cache with anything else in its place is moved aside as damaged, not read.
	 */
	private static String idToken(int user) {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		String header = base64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
		String claims = "{\"aud\":\"" + CLIENT_ID + "\",\"iss\":\"https://login.microsoftonline.com/tenant/v2.0\","
				+ "\"oid\":\"user" + user + "\",\"tid\":\"tenant\",\"preferred_username\":\"user" + user
				+ "@contoso.com\",\"name\":\"User " + user + "\",\"iat\":1700000000,\"exp\":9999999999}";
		String payload = base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
		return header + "." + payload + "." + token(256);
	}

	private static String token(int bytes) {
		byte[] token = new byte[bytes * 3 / 4];
		random.nextBytes(token);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
	}

}
