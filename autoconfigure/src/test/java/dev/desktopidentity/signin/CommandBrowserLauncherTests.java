package dev.desktopidentity.signin;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CommandBrowserLauncher}.
 */
class CommandBrowserLauncherTests {

	private static final URI URL = URI.create(
			"https://login.example/authorize?client_id=c&scope=openid%20profile&state=it's;$(touch%20x)&nonce=*");

	@TempDir
	private Path directory;

	@Test
	@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Runs sh")
	void openPassesUrlAsOneArgumentUnmangled() throws IOException {
		Path received = this.directory.resolve("received");
		new CommandBrowserLauncher(List.of("sh", "-c", "printf '%s' \"$1\" > '" + received + "'", "sh", "{url}"))
			.open(URL);
		assertThat(received).content(StandardCharsets.UTF_8).isEqualTo(URL.toString());
		assertThat(this.directory.resolve("x")).doesNotExist();
	}

	@Test
	@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Runs sh")
	void openWhenNoPlaceholderThenUrlIsLastArgument() throws IOException {
		Path received = this.directory.resolve("received");
		new CommandBrowserLauncher(List.of("sh", "-c", "printf '%s|%s' \"$1\" \"$2\" > '" + received + "'", "sh",
				"--first"))
			.open(URL);
		assertThat(received).content(StandardCharsets.UTF_8).isEqualTo("--first|" + URL);
	}

	@Test
	@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Runs sh")
	void openWhenCommandExitsWithNonZeroStatusThenIOExceptionWithoutUrl() {
		assertThatIOException()
			.isThrownBy(() -> new CommandBrowserLauncher(List.of("sh", "-c", "exit 3", "sh", "{url}")).open(URL))
			.withMessage("'sh' exited with status 3");
	}

	@Test
	void openWhenProgramMissingThenIOExceptionWithoutUrl() {
		String program = this.directory.resolve("no-such-browser").toString();
		assertThatIOException().isThrownBy(() -> new CommandBrowserLauncher(List.of(program, "{url}")).open(URL))
			.withMessageContaining(program)
			.satisfies((ex) -> assertThat(messages(ex)).noneMatch((message) -> message.contains("login.example")));
	}

	@Test
	void openReplacesPlaceholderWithinArguments() throws IOException {
		List<List<String>> started = new ArrayList<>();
		new CommandBrowserLauncher(List.of("chromium", "--app={url}", "--x={url}{url}"), (command) -> {
			started.add(command);
			return OptionalInt.of(0);
		}).open(URL);
		assertThat(started).containsExactly(List.of("chromium", "--app=" + URL, "--x=" + URL + URL));
	}

	@Test
	void createWhenCommandEmptyThenIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CommandBrowserLauncher(List.of()))
			.withMessage("'command' must not be empty");
	}

	@Test
	void createWhenProgramIsPlaceholderThenIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CommandBrowserLauncher(List.of("{url}")))
			.withMessage("'command' must start with a program");
	}

	private static List<String> messages(Throwable ex) {
		List<String> messages = new ArrayList<>();
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			messages.add(String.valueOf(candidate.getMessage()));
		}
		return messages;
	}

}
