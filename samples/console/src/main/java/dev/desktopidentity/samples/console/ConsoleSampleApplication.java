package dev.desktopidentity.samples.console;

import dev.desktopidentity.samples.demo.ApiClient;

import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Console application that signs the user in and shows who signed in.
 */
@SpringBootApplication
@Import(ApiClient.class)
public class ConsoleSampleApplication {

	/**
	 * Exit status when the user pressed Ctrl-C, as shells report it.
	 */
	static final int INTERRUPTED = 130;

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(ConsoleSampleApplication.class, args);
		System.exit(exitCode(context));
	}

	/**
	 * Ctrl-C closes the context from a shutdown hook while the runner still waits, and
	 * may do so at any moment up to the exit. {@code SpringApplication.exit} prints the
	 * stack trace of a context closed under it, so the exit code is read here, and a
	 * context that is closed already means the user pressed Ctrl-C.
	 */
	private static int exitCode(ConfigurableApplicationContext context) {
		int exitCode;
		try {
			exitCode = context.getBeansOfType(ExitCodeGenerator.class)
				.values()
				.stream()
				.mapToInt(ExitCodeGenerator::getExitCode)
				.filter((code) -> code != 0)
				.findFirst()
				.orElse(0);
		}
		catch (IllegalStateException ex) {
			return INTERRUPTED;
		}
		context.close();
		return exitCode;
	}

}
