package dev.desktopidentity.samples.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Console application that signs the user in and shows who signed in.
 */
@SpringBootApplication
public class ConsoleSampleApplication {

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(SpringApplication.run(ConsoleSampleApplication.class, args)));
	}

}
