package dev.desktopidentity.samples.console;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.desktopidentity.test.LoopbackPorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console sample in a real terminal (a detached {@code tmux} session in a second
 * JVM), as a person sees it: the sign-in prompt is on screen, and Ctrl-C while it waits
 * ends the program cleanly, with a non-zero exit status, no stack trace and the redirect
 * port free again.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Runs the sample in tmux and sends it Ctrl-C (see .ci/run)")
class ConsoleSampleTerminalTests {

	private static final Path TMUX = Path.of("/usr/bin/tmux");

	private final String session = "sample-" + UUID.randomUUID();

	@TempDir
	Path cache;

	@BeforeEach
	void requireTmux() {
		assertThat(Files.isExecutable(TMUX)).as("tmux is needed for the terminal tests (apt-get install tmux)")
			.isTrue();
	}

	@AfterEach
	void killSession() throws Exception {
		tmux("kill-session", "-t", this.session);
	}

	@Test
	void browserModeWhenCtrlCWhileWaitingThenCancelledCleanlyAndPortReleased() throws Exception {
		int port = LoopbackPorts.freePort();
		start("--identity.interactive.mode=browser", "--identity.interactive.redirect-uri=http://127.0.0.1:" + port);
		String screen = awaitScreen((text) -> text.contains("Waiting for you to sign in"));
		assertThat(screen).contains("Could not open a browser")
			.contains("To sign in, open this URL in a browser on this computer: http://127.0.0.1:")
			.contains("Demo: sign in as demo@desktop-identity.test with password demo-password.");
		assertThat(isListening(port)).isTrue();
		tmux("send-keys", "-t", this.session, "C-c");
		screen = awaitScreen((text) -> text.contains("EXIT="));
		assertThat(screen).contains("Sign-in cancelled.").contains("EXIT=130").doesNotContain("Exception");
		assertThat(isListening(port)).isFalse();
	}

	@Test
	void deviceCodeModeWhenCtrlCWhileWaitingThenCancelledCleanly() throws Exception {
		start("--identity.interactive.mode=device-code");
		String screen = awaitScreen((text) -> text.contains("Waiting for you to sign in"));
		assertThat(screen).containsPattern("To sign in from any device, open http://127\\.0\\.0\\.1:\\d+/\\S+ and enter "
				+ "the code \\w+ \\(valid until \\d\\d:\\d\\d\\)\\.");
		tmux("send-keys", "-t", this.session, "C-c");
		screen = awaitScreen((text) -> text.contains("EXIT="));
		assertThat(screen).contains("Sign-in cancelled.").contains("EXIT=130").doesNotContain("Exception");
	}

	private void start(String... arguments) throws Exception {
		List<String> command = new ArrayList<>();
		command.add("env -u DISPLAY -u WAYLAND_DISPLAY BROWSER=false");
		command.add(quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		command.add("-cp " + quote(System.getProperty("java.class.path")));
		command.add(ConsoleSampleApplication.class.getName());
		command.add("--spring.profiles.active=demo");
		command.add(quote("--identity.cache.location=" + this.cache));
		command.addAll(List.of(arguments));
		String shell = String.join(" ", command) + "; echo EXIT=$?; sleep 600";
		assertThat(tmux("new-session", "-d", "-s", this.session, "-x", "250", "-y", "60", shell)).isZero();
	}

	private String awaitScreen(Predicate<String> condition) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		String screen = "";
		while (Instant.now().isBefore(deadline)) {
			screen = capture();
			if (condition.test(screen)) {
				return screen;
			}
			Thread.sleep(200);
		}
		throw new AssertionError("The terminal did not show what was expected within 60 s; it shows:\n" + screen);
	}

	private String capture() throws Exception {
		Process process = new ProcessBuilder(TMUX.toString(), "capture-pane", "-p", "-J", "-t", this.session)
			.redirectErrorStream(true)
			.start();
		String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor(10, TimeUnit.SECONDS);
		return text;
	}

	private static int tmux(String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of(TMUX.toString()));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		builder.environment().putIfAbsent("TERM", "xterm-256color");
		Process process = builder.start();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		return process.exitValue();
	}

	private static String quote(String value) {
		return "'" + value.replace("'", "'\\''") + "'";
	}

	private static boolean isListening(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
