package dev.desktopidentity.cache;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for {@link CommandRunner#SYSTEM} with a real second JVM.
 */
class CommandRunnerTests {

	@Test
	void runWhenCommandReadsInputThenItsOutputErrorAndStatus() throws IOException {
		CommandRunner.Result result = CommandRunner.SYSTEM.run(ChildJvm.javaCommand(EchoProcess.class, "3"),
				"add-generic-password 'ünï'\n", Duration.ofSeconds(60));
		assertThat(result.exitStatus()).isEqualTo(3);
		assertThat(result.output()).isEqualTo("add-generic-password 'ünï'\n");
		assertThat(result.error()).isEqualTo("error");
		assertThat(result).hasToString("Result[exitStatus=3]");
	}

	@Test
	void runWhenCommandDoesNotExitInTimeThenFailsAndEndsIt() throws InterruptedException {
		Set<ProcessHandle> before = ProcessHandle.current().children().collect(Collectors.toSet());
		assertThatIOException()
			.isThrownBy(() -> CommandRunner.SYSTEM.run(ChildJvm.javaCommand(EchoProcess.class, "hang"), null,
					Duration.ofSeconds(2)))
			.withMessageEndingWith("did not exit within 2000 ms");
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (ProcessHandle.current().children().anyMatch((child) -> !before.contains(child))
				&& System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(ProcessHandle.current().children()).allMatch(before::contains);
	}

	@Test
	void runWhenProgramMissingThenFails() {
		assertThatIOException().isThrownBy(() -> CommandRunner.SYSTEM
			.run(java.util.List.of("/nonexistent/security", "-i"), null, Duration.ofSeconds(5)));
	}

}
