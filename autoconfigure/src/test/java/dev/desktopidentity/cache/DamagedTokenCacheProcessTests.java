package dev.desktopidentity.cache;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.ScriptedUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A damaged token cache across runs of an application, each a separate JVM that gets a
 * token as applications do (silently when the cache has an account, else by signing in):
 * the first run after the damage warns once, moves the file aside and signs the user in
 * again; the next run is silent.
 */
class DamagedTokenCacheProcessTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	@TempDir
	Path temp;

	private LocalIdentityProvider provider;

	private Path certificate;

	private Path directory;

	private Path file;

	@BeforeEach
	void start() throws IOException {
		this.provider = LocalIdentityProvider.builder().user("alice@contoso.test", "Passw0rd!", "Alice Example").start();
		this.certificate = Files.writeString(this.temp.resolve("provider.pem"), this.provider.certificatePem());
		this.directory = Files.createDirectories(this.temp.resolve("cache"));
		this.file = this.directory.resolve(PersistentTokenCache.PLAIN_FILE);
	}

	@AfterEach
	void stop() {
		this.provider.close();
	}

	@Test
	void tokenWhenAccountWithoutHomeAccountIdThenNextRunSignsInAgainAndTheOneAfterIsSilent() throws Exception {
		Files.writeString(this.file,
				"{\"Account\":{\"k\":{\"environment\":\"login.example.test\",\"username\":\"a@example.test\"}}}");
		assertNextRunSignsInAgainAndTheOneAfterIsSilent(List.of(), "has no home_account_id");
	}

	@Test
	void tokenWhenCacheFileUnreadableThenNextRunSignsInAgainAndTheOneAfterIsSilent() throws Exception {
		Files.writeString(this.file, TestCaches.account("alice"));
		Files.setPosixFilePermissions(this.file, PosixFilePermissions.fromString("---------"));
		// root reads any file: without these capabilities it reads as its permissions say
		List<String> prefix = "root".equals(System.getProperty("user.name"))
				? List.of("setpriv", "--bounding-set", "-dac_override,-dac_read_search") : List.of();
		assertNextRunSignsInAgainAndTheOneAfterIsSilent(prefix, "permission denied");
	}

	private void assertNextRunSignsInAgainAndTheOneAfterIsSilent(List<String> prefix, String reason)
			throws Exception {
		List<String> first = run(prefix, true);
		assertThat(first).contains("SIGNED_IN alice@contoso.test")
			.noneMatch((line) -> line.startsWith("FAILED") || line.contains("Exception"))
			.filteredOn((line) -> line.contains(" WARN "))
			.singleElement()
			.asString()
			.contains("The token cache " + this.file + " cannot be read: ", reason, "sign in again");
		try (Stream<Path> files = Files.list(this.directory)) {
			assertThat(files.map((path) -> path.getFileName().toString()))
				.anyMatch((name) -> name.startsWith(PersistentTokenCache.PLAIN_FILE + ".unreadable-"));
		}
		assertThat(Files.readString(this.file)).contains("alice@contoso.test");
		List<String> second = run(List.of(), false);
		assertThat(second).contains("ACCOUNTS 1", tokenHash(first))
			.noneMatch((line) -> line.startsWith("OPEN ") || line.contains(" WARN ") || line.startsWith("FAILED"));
	}

	private List<String> run(List<String> prefix, boolean signIn) throws Exception {
		List<String> command = new ArrayList<>(prefix);
		command.addAll(ChildJvm.javaCommand(SignInProcess.class, "token", this.directory.toString(), "NONE", "false",
				this.provider.authority(), this.certificate.toString()));
		try (ChildJvm child = ChildJvm.start(command, Map.of())) {
			if (signIn) {
				String open = child.awaitLine((line) -> line.startsWith("OPEN "), TIMEOUT);
				ScriptedUser.of(this.provider, "alice@contoso.test", "Passw0rd!")
					.signIn(URI.create(open.substring(5)))
					.deliver();
				child.send("signed in");
			}
			assertThat(child.awaitExit(TIMEOUT)).as(child.output()).isZero();
			return child.lines();
		}
	}

	private static String tokenHash(List<String> lines) {
		return lines.stream().filter((line) -> line.startsWith("TOKEN_SHA256 ")).findFirst().orElseThrow();
	}

}
