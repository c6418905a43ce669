package dev.desktopidentity.cache;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.desktopidentity.test.Endpoint;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.ScriptedUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PersistentTokenCache} with the real Secret Service (GNOME Keyring in
 * its own D-Bus session) and without one, each run in separate JVMs that sign in against
 * a local identity provider.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Runs GNOME Keyring in a D-Bus session, through sh (see .ci/run)")
class SecretServiceTokenCacheTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	@TempDir
	Path temp;

	private LocalIdentityProvider provider;

	private ScriptedUser alice;

	private Path certificate;

	private Path directory;

	@BeforeEach
	void start() throws IOException {
		this.provider = LocalIdentityProvider.builder()
			.user("alice@contoso.test", "Passw0rd!", "Alice Example")
			.start();
		this.alice = ScriptedUser.of(this.provider, "alice@contoso.test", "Passw0rd!");
		this.certificate = Files.writeString(this.temp.resolve("provider.pem"), this.provider.certificatePem());
		this.directory = this.temp.resolve("cache");
	}

	@AfterEach
	void stop() {
		this.provider.close();
	}

	@Test
	void cacheWhenSecretServiceUnlockedThenTokensEncryptedUnderKeyringKeyAndNextRunSilent() throws Exception {
		KeyringSession.requireCommands();
		String lookup = "client-id " + SignInProcess.CLIENT_ID + " cache " + quote(this.directory.toString());
		String script = String.join("\n", "set -e",
				"printf pw | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null",
				"echo STEP sign-in", java("sign-in", "AUTO", false),
				"if secret-tool lookup " + lookup + " >/dev/null; then echo KEY_IN_KEYRING yes; "
						+ "else echo KEY_IN_KEYRING no; fi",
				"echo STEP silent", java("silent", "AUTO", false),
				"echo STEP sign-out", java("sign-out", "AUTO", false),
				"echo STEP sign-in-again", java("sign-in", "AUTO", false),
				"secret-tool clear " + lookup,
				"echo STEP key-removed", java("accounts", "OS", false),
				"echo STEP end");
		Map<String, List<String>> steps = run(List.of("dbus-run-session", "--", "sh", "-c", script),
				Map.of("XDG_DATA_HOME", this.temp.resolve("keyrings").toString()), 2);
		assertThat(steps.get("sign-in")).contains("SIGNED_IN alice@contoso.test", "ENCRYPTED_FILE true",
				"FILE_HAS_TOKEN false", "FILE_HAS_USERNAME false", "KEY_IN_KEYRING yes", "STATUS OS_STORE");
		assertThat(steps.get("silent")).contains("ACCOUNTS 1", "STATUS OS_STORE",
				tokenHash(steps.get("sign-in")));
		assertThat(steps.get("sign-out")).contains("ACCOUNTS 0", "CREDENTIALS_AFTER_SIGN_OUT 0", "ACCOUNTS_IN_FILE 0");
		assertThat(steps.get("sign-in-again")).contains("SIGNED_IN alice@contoso.test");
		assertThat(steps.get("key-removed")).contains("ACCOUNTS 0", "STATUS OS_STORE")
			.filteredOn((line) -> line.contains("cannot be read"))
			.hasSize(1);
		assertThat(this.provider.requests().count(Endpoint.TOKEN)).isEqualTo(2);
		try (var files = Files.list(this.directory)) {
			assertThat(files.map((file) -> file.getFileName().toString()))
				.anyMatch((name) -> name.startsWith(PersistentTokenCache.ENCRYPTED_FILE + ".unreadable-"));
		}
	}

	@Test
	void cacheWhenFourProcessesStartTogetherWithoutKeyThenAllShareOneKeyAndNoWriteIsLost() throws Exception {
		KeyringSession.requireCommands();
		StringBuilder script = new StringBuilder(
				"printf pw | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null\n");
		for (int i = 0; i < 4; i++) {
			script.append(writer("write", "p" + i, "100")).append(" >/dev/null &\n");
		}
		script.append("wait\necho STEP count\n").append(writer("count"));
		Map<String, List<String>> steps = run(List.of("dbus-run-session", "--", "sh", "-c", script.toString()),
				Map.of("XDG_DATA_HOME", this.temp.resolve("keyrings").toString()), 0);
		assertThat(steps.get("count")).contains("USERS 400");
		try (var files = Files.list(this.directory)) {
			assertThat(files.map((file) -> file.getFileName().toString())).contains(PersistentTokenCache.ENCRYPTED_FILE)
				.noneMatch((name) -> name.contains(".unreadable-"));
		}
	}

	@Test
	void cacheWhenNoSecretServiceThenFailsSayingHowToFixOrFallsBackToPrivateFileWhenAllowed() throws Exception {
		Map<String, String> environment = Map.of("DBUS_SESSION_BUS_ADDRESS",
				"unix:path=" + this.temp.resolve("no-bus"), "DISPLAY", "", "WAYLAND_DISPLAY", "");
		Map<String, List<String>> refused = run(List.of("sh", "-c", "echo STEP auto; "
				+ java("accounts", "AUTO", false) + "; echo STEP os; " + java("accounts", "OS", false)), environment,
				0);
		assertThat(refused.get("auto")).contains("STATUS UNAVAILABLE")
			.anySatisfy((line) -> assertThat(line).startsWith("FAILED TokenCacheUnavailableException")
				.contains("gnome-keyring", "identity.cache.allow-unprotected=true", "identity.cache.protection=none"));
		assertThat(refused.get("os")).anySatisfy((line) -> assertThat(line)
			.startsWith("FAILED TokenCacheUnavailableException")
			.contains("identity.cache.protection=os"));
		assertThat(this.directory.resolve(PersistentTokenCache.PLAIN_FILE)).doesNotExist();
		Map<String, List<String>> allowed = run(List.of("sh", "-c", "echo STEP allowed; "
				+ java("sign-in", "AUTO", true) + "; echo STEP again; " + java("silent", "AUTO", true)), environment,
				1);
		assertThat(allowed.get("allowed")).contains("SIGNED_IN alice@contoso.test", "STATUS UNPROTECTED_FILE")
			.filteredOn((line) -> line.contains("No operating-system secret store"))
			.hasSize(1);
		assertThat(allowed.get("again")).contains("ACCOUNTS 1", tokenHash(allowed.get("allowed")));
		Path file = this.directory.resolve(PersistentTokenCache.PLAIN_FILE);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(Files.readString(file)).contains("alice@contoso.test");
	}

	private Map<String, List<String>> run(List<String> command, Map<String, String> environment, int signIns)
			throws Exception {
		try (ChildJvm child = ChildJvm.start(command, environment)) {
			for (int i = 0; i < signIns; i++) {
				String open = child.awaitLine((line) -> line.startsWith("OPEN "), TIMEOUT);
				this.alice.signIn(URI.create(open.substring(5))).deliver();
				child.send("signed in");
			}
			assertThat(child.awaitExit(TIMEOUT)).as(child.output()).isZero();
			Map<String, List<String>> steps = new LinkedHashMap<>();
			List<String> current = new ArrayList<>();
			for (String line : child.lines()) {
				if (line.startsWith("STEP ")) {
					current = new ArrayList<>();
					steps.put(line.substring(5), current);
				}
				else {
					current.add(line);
				}
			}
			assertThat(steps.values().stream().flatMap(List::stream)).as(child.output())
				.noneMatch((line) -> line.startsWith("FAILED") && !line.contains("TokenCacheUnavailableException"));
			return steps;
		}
	}

	private String java(String command, String mode, boolean allowUnprotected) {
		return ChildJvm
			.javaCommand(SignInProcess.class, command, this.directory.toString(), mode,
					String.valueOf(allowUnprotected), this.provider.authority(), this.certificate.toString())
			.stream()
			.map(SecretServiceTokenCacheTests::quote)
			.collect(Collectors.joining(" "));
	}

	private String writer(String... arguments) {
		List<String> all = new ArrayList<>(List.of(this.directory.toString(), "os"));
		all.addAll(List.of(arguments));
		return ChildJvm.javaCommand(CacheWriterProcess.class, all.toArray(String[]::new))
			.stream()
			.map(SecretServiceTokenCacheTests::quote)
			.collect(Collectors.joining(" "));
	}

	private static String tokenHash(List<String> lines) {
		return lines.stream().filter((line) -> line.startsWith("TOKEN_SHA256 ")).findFirst().orElseThrow();
	}

	private static String quote(String argument) {
		return "'" + argument.replace("'", "'\\''") + "'";
	}

}
