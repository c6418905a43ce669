package dev.desktopidentity.cache;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.microsoft.aad.msal4j.AuthorizationCodeParameters;
import com.microsoft.aad.msal4j.AuthorizationRequestUrlParameters;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.SilentParameters;
import com.microsoft.aad.msal4j.TokenCache;
import dev.desktopidentity.cache.TestCaches.InMemorySecretStore;
import dev.desktopidentity.test.AuthorizationOutcome;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.ScriptedUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever is on the disk where the token cache should be, a real
 * {@link PublicClientApplication} with the real {@link PersistentTokenCache} against the
 * local identity provider gets the same outcome: one warning that names the file, the
 * damaged file moved aside untouched, an empty cache, a sign-in that works, a cache
 * written on the next save, and a next run that is silent.
 */
class DamagedTokenCacheTests {

	private static final Set<String> SCOPES = Set.of("api://local-test/read");

	private static final String REDIRECT_URI = "http://localhost:8400/";

	private static LocalIdentityProvider provider;

	@TempDir
	Path temp;

	private Path directory;

	private final InMemorySecretStore store = new InMemorySecretStore();

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	@BeforeAll
	static void startProvider() {
		provider = LocalIdentityProvider.builder().user("alice@contoso.test", "Passw0rd!", "Alice Example").start();
	}

	@AfterAll
	static void stopProvider() {
		provider.close();
	}

	@BeforeEach
	void captureLogs() throws IOException {
		this.directory = Files.createDirectories(this.temp.resolve("cache"));
		this.logs.start();
		Logger logger = (Logger) LoggerFactory.getLogger(PersistentTokenCache.class);
		logger.setLevel(Level.DEBUG);
		logger.addAppender(this.logs);
	}

	@AfterEach
	void releaseLogs() {
		Logger logger = (Logger) LoggerFactory.getLogger(PersistentTokenCache.class);
		logger.detachAppender(this.logs);
		logger.setLevel(null);
	}

	static Stream<Damage> damages() {
		String validJwt = jwt("{\"sub\":\"s\"}");
		return Stream.of(plain("empty file", ""), plain("white space", " \n\t"),
				plain("zeros", "\0".repeat(4096)),
				plain("truncated", TestCaches.account("alice").substring(0, 90)),
				plain("not JSON", "this is not a token cache"), plain("JSON array", "[]"),
				plain("JSON string", "\"cache\""), plain("JSON null", "null"),
				plain("text after the JSON", "{}{}"), plain("byte order mark", "\uFEFF{}"),
				plain("Account section is an array", "{\"Account\":[]}"),
				plain("account entry is a string", "{\"Account\":{\"k\":\"account\"}}"),
				plain("account without home_account_id",
						"{\"Account\":{\"k\":{\"environment\":\"login.example.test\",\"username\":\"a@example.test\"}}}"),
				plain("account home_account_id is null",
						"{\"Account\":{\"k\":{\"home_account_id\":null,\"environment\":\"login.example.test\"}}}"),
				plain("account home_account_id is a number",
						"{\"Account\":{\"k\":{\"home_account_id\":5,\"environment\":\"login.example.test\"}}}"),
				plain("account without environment", "{\"Account\":{\"k\":{\"home_account_id\":\"h\"}}}"),
				plain("access token expires_on is not a number", accessToken("\"expires_on\":\"soon\"")),
				plain("access token without expires_on", accessToken("\"cached_at\":\"1\"")),
				plain("access token refresh_on is not a number",
						accessToken("\"expires_on\":\"1\",\"refresh_on\":\"later\"")),
				plain("access token target is an object", accessToken("\"expires_on\":\"1\"")
					.replace("\"target\":\"read\"", "\"target\":{}")),
				plain("refresh token without client_id",
						"{\"RefreshToken\":{\"k\":{\"home_account_id\":\"h\",\"environment\":\"e\",\"secret\":\"s\"}}}"),
				plain("ID token is not a JWT", idToken("not-a-jwt")),
				plain("ID token payload is not JSON", idToken("a." + base64("not json") + ".c")),
				plain("ID token payload is an array", idToken(jwt("[1]"))),
				plain("ID token without realm",
						idToken(validJwt).replace("\"realm\":\"tenant\",", "")),
				plain("app metadata without client_id", "{\"AppMetadata\":{\"k\":{\"environment\":\"e\"}}}"),
				plain("key twice in one object",
						"{\"Account\":{\"k\":{\"home_account_id\":\"h\",\"home_account_id\":null,"
								+ "\"environment\":\"e\"}}}"),
				plain("nested too deeply", "{\"x\":" + "[".repeat(200) + "]".repeat(200) + "}"),
				plain("invalid escape", "{\"Account\":{\"k\\x\":{}}}"),
				new Damage("larger than 32 MB", false, (file, store) -> {
					byte[] huge = new byte[CacheFileReader.MAX_SIZE + 1];
					Arrays.fill(huge, (byte) ' ');
					huge[0] = '{';
					huge[huge.length - 1] = '}';
					Files.write(file, huge);
				}),
				new Damage("directory", false, (file, store) -> {
					Files.createDirectory(file);
					Files.writeString(file.resolve("inside"), "kept");
				}),
				new Damage("symbolic link to a cache elsewhere", false, (file, store) -> {
					Path elsewhere = Files.writeString(file.resolveSibling("elsewhere.json"), TestCaches.account("eve"));
					Files.createSymbolicLink(file, elsewhere);
				}),
				new Damage("symbolic link to nowhere", false,
						(file, store) -> Files.createSymbolicLink(file, file.resolveSibling("missing.json"))),
				new Damage("named pipe", false, (file, store) -> run("mkfifo", file.toString())),
				new Damage("not readable", false, (file, store) -> {
					Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
							"root reads any file: see DamagedTokenCacheProcessTests");
					Files.writeString(file, TestCaches.account("alice"));
					Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
				}),
				new Damage("encrypted with another key", true, (file, store) -> {
					TestCaches.addAccount(TestCaches.protectedBy(file.getParent(), store, CacheProtection.OS, false),
							new TokenCache(), "alice");
					store.write(new byte[32]);
				}),
				new Damage("encrypted file truncated", true, (file, store) -> {
					TestCaches.addAccount(TestCaches.protectedBy(file.getParent(), store, CacheProtection.OS, false),
							new TokenCache(), "alice");
					byte[] content = Files.readAllBytes(file);
					Files.write(file, Arrays.copyOf(content, content.length - 20));
				}),
				new Damage("empty encrypted file", true, (file, store) -> Files.write(file, new byte[0])),
				new Damage("plain JSON where the encrypted file should be", true,
						(file, store) -> Files.writeString(file, TestCaches.account("alice"))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("damages")
	void getAccountsWhenCacheDamagedThenOneWarningFileMovedAsideAndUserSignsInAgain(Damage damage) throws Exception {
		Path file = this.directory
			.resolve(damage.encrypted() ? PersistentTokenCache.ENCRYPTED_FILE : PersistentTokenCache.PLAIN_FILE);
		damage.setup().apply(file, this.store);
		Snapshot before = Snapshot.of(file);
		this.logs.list.clear();
		PublicClientApplication application = application(damage.encrypted());
		assertThat(application.getAccounts().get(30, TimeUnit.SECONDS)).isEmpty();
		assertThat(application.getAccounts().get(30, TimeUnit.SECONDS)).isEmpty();
		assertThat(warnings()).singleElement()
			.asString()
			.contains("The token cache " + file + " cannot be read: ", ". Moved it to " + file.getFileName(),
					"sign in again");
		Path aside = aside(file);
		assertThat(Snapshot.of(aside)).as("moved aside untouched").isEqualTo(before);
		assertThat(Files.exists(file, LinkOption.NOFOLLOW_LINKS)).isFalse();
		IAuthenticationResult signedIn = signIn(application);
		assertThat(signedIn.account().username()).isEqualTo("alice@contoso.test");
		assertThat(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).as("cache written on save").isTrue();
		PublicClientApplication nextRun = application(damage.encrypted());
		Set<IAccount> accounts = nextRun.getAccounts().get(30, TimeUnit.SECONDS);
		assertThat(accounts).singleElement().satisfies((account) -> assertThat(account.username())
			.isEqualTo("alice@contoso.test"));
		IAuthenticationResult silent = nextRun
			.acquireTokenSilently(SilentParameters.builder(SCOPES, accounts.iterator().next()).build())
			.get(30, TimeUnit.SECONDS);
		assertThat(silent.accessToken()).isEqualTo(signedIn.accessToken());
		assertThat(warnings()).as("the next run is silent").hasSize(1);
		assertThat(Snapshot.of(aside)).as("still untouched").isEqualTo(before);
	}

	private PublicClientApplication application(boolean encrypted) throws Exception {
		PersistentTokenCache cache = encrypted
				? TestCaches.protectedBy(this.directory, this.store, CacheProtection.OS, false)
				: new PersistentTokenCache(this.directory, CacheProtection.NONE, false,
						new CacheKeySource(this.store, Duration.ofSeconds(3)), Duration.ofSeconds(10), Clock.systemUTC());
		return PublicClientApplication.builder("damaged-cache-client")
			.authority(provider.authority())
			.instanceDiscovery(false)
			.sslSocketFactory(provider.sslContext().getSocketFactory())
			.setTokenCacheAccessAspect(cache)
			.build();
	}

	/**
	 * Sign in through the authorization code flow with PKCE: the scripted user signs in
	 * at the authorization URL, and the application redeems the code.
	 */
	private static IAuthenticationResult signIn(PublicClientApplication application) throws Exception {
		String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]) + "verifier";
		String challenge = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		URI authorize = application
			.getAuthorizationRequestUrl(AuthorizationRequestUrlParameters.builder(REDIRECT_URI, SCOPES)
				.codeChallenge(challenge)
				.codeChallengeMethod("S256")
				.state("state")
				.build())
			.toURI();
		AuthorizationOutcome outcome = ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!").signIn(authorize);
		return application
			.acquireToken(AuthorizationCodeParameters.builder(outcome.code(), URI.create(REDIRECT_URI))
				.codeVerifier(verifier)
				.scopes(SCOPES)
				.build())
			.get(30, TimeUnit.SECONDS);
	}

	private List<String> warnings() {
		return this.logs.list.stream()
			.filter((event) -> event.getLevel().isGreaterOrEqual(Level.WARN))
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

	private Path aside(Path file) throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			List<Path> aside = files
				.filter((path) -> path.getFileName().toString().startsWith(file.getFileName() + ".unreadable-"))
				.toList();
			assertThat(aside).hasSize(1);
			return aside.get(0);
		}
	}

	private static String accessToken(String times) {
		return "{\"AccessToken\":{\"k\":{\"home_account_id\":\"h\",\"environment\":\"e\",\"client_id\":\"c\","
				+ "\"realm\":\"tenant\",\"target\":\"read\",\"secret\":\"s\"," + times + "}}}";
	}

	private static String idToken(String secret) {
		return "{\"IdToken\":{\"k\":{\"home_account_id\":\"h\",\"environment\":\"e\",\"client_id\":\"c\","
				+ "\"realm\":\"tenant\",\"secret\":\"" + secret + "\"}}}";
	}

	private static String jwt(String payload) {
		return base64("{\"alg\":\"none\"}") + "." + base64(payload) + ".";
	}

	private static String base64(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private static Damage plain(String name, String content) {
		return new Damage(name, false, (file, store) -> Files.writeString(file, content, StandardCharsets.UTF_8));
	}

	private static void run(String... command) throws IOException {
		try {
			Process process = new ProcessBuilder(command).inheritIO().start();
			assertThat(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	/**
	 * What is on the disk where the cache should be.
	 *
	 * @param name what it is
	 * @param encrypted whether it is where the encrypted cache should be
	 * @param setup puts it there
	 */
	record Damage(String name, boolean encrypted, Setup setup) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	@FunctionalInterface
	interface Setup {

		void apply(Path file, InMemorySecretStore store) throws Exception;

	}

	/**
	 * What a path is, to tell that it was moved aside untouched: the type, the bytes of a
	 * file (by digest), the target of a link, the names and bytes in a directory.
	 */
	record Snapshot(String type, String content) {

		static Snapshot of(Path path) throws Exception {
			if (Files.isSymbolicLink(path)) {
				return new Snapshot("link", Files.readSymbolicLink(path).toString());
			}
			if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
				try (Stream<Path> files = Files.list(path)) {
					StringBuilder content = new StringBuilder();
					for (Path child : files.sorted().toList()) {
						content.append(child.getFileName()).append('=').append(of(child)).append(';');
					}
					return new Snapshot("directory", content.toString());
				}
			}
			if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
				return new Snapshot("other", "");
			}
			String permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
			if (!Files.isReadable(path)) {
				return new Snapshot("file " + permissions, "unreadable, size " + Files.size(path));
			}
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path));
			return new Snapshot("file " + permissions, Base64.getEncoder().encodeToString(digest));
		}

	}

}
