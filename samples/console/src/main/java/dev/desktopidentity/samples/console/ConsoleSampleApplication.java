package dev.desktopidentity.samples.console;

import dev.desktopidentity.samples.demo.ApiClient;

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
	 * may do so between the check and the exit.
	 */
	private static int exitCode(ConfigurableApplicationContext context) {
		if (!context.isActive()) {
			return INTERRUPTED;
		}
		try {
			return SpringApplication.exit(context);
		}
		catch (IllegalStateException ex) {
			return INTERRUPTED;
		}
	}

}
