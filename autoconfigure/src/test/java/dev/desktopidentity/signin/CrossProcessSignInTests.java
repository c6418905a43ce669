package dev.desktopidentity.signin;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import dev.desktopidentity.cache.ChildJvm;
import dev.desktopidentity.test.Endpoint;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.ScriptedUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Processes of one application that need a sign-in at the same time, each a real JVM
 * with the auto-configured provider and a persistent token cache in one directory,
 * against one local identity provider: one signs in, the others wait and use its tokens.
 * The test plays the user's browser and other device, and reads what each process
 * prints, with the wall-clock time of each event.
 */
class CrossProcessSignInTests {

	private static final Duration STARTUP = Duration.ofSeconds(120);

	private static final String[] DEVICE_CODE_GRANTS = { "device_code",
			"urn:ietf:params:oauth:grant-type:device_code" };

	/**
	 * How soon after the sign-in a waiting process has its token: one second, and as
	 * much again for a loaded two-core machine that runs four JVMs.
	 */
	private static final Duration WAITER_LATENCY = Duration.ofSeconds(2);

	@TempDir
	Path temp;

	private LocalIdentityProvider provider;

	private ScriptedUser alice;

	private Path certificate;

	private final List<ChildJvm> processes = new ArrayList<>();

	@BeforeEach
	void start() throws IOException {
		this.provider = LocalIdentityProvider.builder()
			.user("alice@contoso.test", "Passw0rd!", "Alice Example")
			.deviceCodePollingInterval(Duration.ofSeconds(1))
			.start();
		this.alice = ScriptedUser.of(this.provider, "alice@contoso.test", "Passw0rd!");
		this.certificate = Files.writeString(this.temp.resolve("provider.pem"), this.provider.certificatePem());
	}

	@AfterEach
	void stop() throws InterruptedException {
		for (ChildJvm process : this.processes) {
			process.close();
		}
		this.provider.close();
	}

	@Test
	void getTokenWhenTwoProcessesStartTogetherThenOneBrowserAndBothGetTokens() throws Exception {
		assertOneSignInShared(2, "browser");
	}

	@Test
	void getTokenWhenFourProcessesStartTogetherThenOneBrowserAndAllGetTokens() throws Exception {
		assertOneSignInShared(4, "browser");
	}

	@Test
	void getTokenWhenFourProcessesUseDeviceCodeThenOneCodeAndAllGetTokens() throws Exception {
		assertOneSignInShared(4, "device-code");
	}

	@Test
	void getTokenWhenSigningInProcessIsKilledThenWaiterSignsIn() throws Exception {
		List<ChildJvm> started = start(2, "browser", "5m");
		ChildJvm holder = awaitOneSigningInOthersWaiting(started, "browser");
		holder.kill();
		ChildJvm waiter = others(started, holder).get(0);
		String url = awaitLine(waiter, (line) -> line.startsWith("OPEN "), STARTUP).substring(5);
		this.alice.signIn(URI.create(url)).deliver();
		assertThat(waiter.awaitExit(STARTUP)).as(waiter.output()).isZero();
		assertThat(waiter.lines()).anyMatch((line) -> line.startsWith("TOKEN "));
		assertThat(this.provider.requests().count(Endpoint.AUTHORIZE)).isEqualTo(1);
		assertThat(this.provider.requests().count(Endpoint.TOKEN)).isEqualTo(1);
	}

	@Test
	@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Ctrl-C is sent as SIGINT, which Windows does not have")
	void getTokenWhenCtrlCPressedThenWaiterGivesUpCleanlyAndWhenHolderCancelsAnotherWaiterSignsIn()
			throws Exception {
		List<ChildJvm> started = start(3, "browser", "5m");
		ChildJvm holder = awaitOneSigningInOthersWaiting(started, "browser");
		ChildJvm cancelled = others(started, holder).get(0);
		ChildJvm remaining = others(started, holder).get(1);
		interrupt(cancelled);
		assertThat(cancelled.awaitExit(STARTUP)).isNotZero();
		assertThat(cancelled.lines()).contains("Sign-in cancelled.")
			.noneMatch((line) -> line.contains("Exception") || line.startsWith("\tat ") || line.startsWith("OPEN "));
		interrupt(holder);
		assertThat(holder.awaitExit(STARTUP)).isNotZero();
		assertThat(holder.lines()).contains("Sign-in cancelled.");
		String url = awaitLine(remaining, (line) -> line.startsWith("OPEN "), STARTUP).substring(5);
		this.alice.signIn(URI.create(url)).deliver();
		assertThat(remaining.awaitExit(STARTUP)).as(remaining.output()).isZero();
		assertThat(this.provider.requests().count(Endpoint.AUTHORIZE)).isEqualTo(1);
	}

	@Test
	void getTokenWhenOtherSignInOutlastsTimeoutThenWaiterGivesUpSayingSo() throws Exception {
		ChildJvm holder = start("browser", "5m");
		awaitLine(holder, (line) -> line.startsWith("OPEN "), STARTUP);
		ChildJvm waiter = start("browser", "3s");
		assertThat(waiter.awaitExit(STARTUP)).isNotZero();
		assertThat(waiter.lines()).anyMatch((line) -> line.startsWith("EVENT WAITING " + holder.pid()))
			.anyMatch((line) -> line.startsWith("FAILED SignInCancelledException")
					&& line.contains("identity.interactive.timeout") && line.contains("process " + holder.pid()))
			.noneMatch((line) -> line.startsWith("OPEN ") || line.startsWith("\tat "));
		assertThat(holder.lines()).noneMatch((line) -> line.startsWith("TOKEN") || line.startsWith("FAILED"));
	}

	private void assertOneSignInShared(int count, String mode) throws Exception {
		List<ChildJvm> started = start(count, mode, "5m");
		ChildJvm holder = awaitOneSigningInOthersWaiting(started, mode);
		if (mode.equals("browser")) {
			this.alice.signIn(URI.create(line(holder, "OPEN ").orElseThrow().substring(5))).deliver();
		}
		else {
			this.alice.completeDeviceCode(line(holder, "DEVICE_CODE ").orElseThrow().substring(12));
		}
		for (ChildJvm process : started) {
			assertThat(process.awaitExit(STARTUP)).as(process.output()).isZero();
		}
		assertThat(this.provider.requests().count(mode.equals("browser") ? Endpoint.AUTHORIZE : Endpoint.DEVICE_CODE))
			.isEqualTo(1);
		// every waiter served from the shared cache: no refresh, no code of its own
		List<String> grants = this.provider.requests().to(Endpoint.TOKEN).stream().map((request) -> request.grantType()).toList();
		if (mode.equals("browser")) {
			assertThat(grants).containsExactly("authorization_code");
		}
		else {
			assertThat(grants).isNotEmpty().isSubsetOf(DEVICE_CODE_GRANTS);
		}
		long signedIn = time(line(holder, "EVENT SIGNED_IN ").orElseThrow(), 2);
		String tokenHash = line(holder, "TOKEN ").orElseThrow().split(" ")[2];
		for (ChildJvm waiter : others(started, holder)) {
			assertThat(waiter.lines()).contains("Waiting for sign-in in another window (process " + holder.pid() + ")...")
				.noneMatch((line) -> line.startsWith("OPEN ") || line.startsWith("DEVICE_CODE "));
			String token = line(waiter, "TOKEN ").orElseThrow();
			assertThat(token.split(" ")[2]).isEqualTo(tokenHash);
			assertThat(token.split(" ")[3]).isEqualTo("CACHE");
			long waited = time(line(waiter, "EVENT WAITING ").orElseThrow(), 3);
			long received = time(token, 1);
			assertThat(waited).isLessThan(signedIn);
			System.out.println("Process " + waiter.pid() + " had its token " + (received - signedIn)
					+ " ms after process " + holder.pid() + " signed in");
			assertThat(Duration.ofMillis(received - signedIn)).as(waiter.output()).isLessThan(WAITER_LATENCY);
		}
	}

	/**
	 * Wait until one process shows the sign-in page or a device code and all others wait
	 * for it; return that one.
	 */
	private ChildJvm awaitOneSigningInOthersWaiting(List<ChildJvm> started, String mode) throws InterruptedException {
		String signingIn = mode.equals("browser") ? "OPEN " : "DEVICE_CODE ";
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (System.nanoTime() < deadline) {
			List<ChildJvm> holders = started.stream().filter((process) -> line(process, signingIn).isPresent()).toList();
			assertThat(holders).as("processes signing in").hasSizeLessThanOrEqualTo(1);
			long waiting = started.stream().filter((process) -> line(process, "EVENT WAITING ").isPresent()).count();
			if (holders.size() == 1 && waiting == started.size() - 1) {
				return holders.get(0);
			}
			Thread.sleep(20);
		}
		StringBuilder outputs = new StringBuilder();
		started.forEach((process) -> outputs.append("\n--- ").append(process.pid()).append('\n').append(process.output()));
		throw new AssertionError("Not one process signing in and the others waiting:" + outputs);
	}

	private List<ChildJvm> start(int count, String mode, String timeout) throws IOException {
		List<ChildJvm> started = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			started.add(start(mode, timeout));
		}
		return started;
	}

	private ChildJvm start(String mode, String timeout) throws IOException {
		ChildJvm process = ChildJvm.start(withCtrlC(ChildJvm.javaCommand(SharedSignInProcess.class,
				this.temp.resolve("cache").toString(), this.provider.authority(), this.certificate.toString(), mode,
				timeout)), Map.of());
		this.processes.add(process);
		return process;
	}

	/**
	 * A JVM that starts with SIGINT ignored never takes Ctrl-C, and every process that a
	 * non-interactive shell starts in the background starts so (as does this test then):
	 * the children get the default back first, through Perl, which every Debian system has.
	 */
	private static List<String> withCtrlC(List<String> command) throws IOException {
		Path status = Path.of("/proc/self/status");
		if (!Files.isReadable(status) || !ignoresSigint(Files.readAllLines(status))) {
			return command;
		}
		List<String> wrapped = new ArrayList<>(
				List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die \"$ARGV[0]: $!\\n\";",
						"--"));
		wrapped.addAll(command);
		return wrapped;
	}

	private static boolean ignoresSigint(List<String> status) {
		long sigint = 1L << 1;
		return status.stream()
			.filter((line) -> line.startsWith("SigIgn:"))
			.anyMatch((line) -> (Long.parseUnsignedLong(line.substring(7).strip(), 16) & sigint) != 0);
	}

	private static List<ChildJvm> others(List<ChildJvm> started, ChildJvm holder) {
		return started.stream().filter((process) -> process != holder).toList();
	}

	private static Optional<String> line(ChildJvm process, String prefix) {
		return process.lines().stream().filter((line) -> line.startsWith(prefix)).findFirst();
	}

	private static String awaitLine(ChildJvm process, Predicate<String> match, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Optional<String> found = process.lines().stream().filter(match).findFirst();
			if (found.isPresent()) {
				return found.get();
			}
			Thread.sleep(20);
		}
		throw new AssertionError("No matching line; output:\n" + process.output());
	}

	private static long time(String line, int field) {
		return Long.parseLong(line.split(" ")[field]);
	}

	/**
	 * Press Ctrl-C in the process's terminal: SIGINT.
	 */
	private static void interrupt(ChildJvm process) throws IOException, InterruptedException {
		// the shell's own kill: no procps needed
		Process kill = new ProcessBuilder("sh", "-c", "kill -INT " + process.pid()).inheritIO().start();
		assertThat(kill.waitFor()).isZero();
	}

}
