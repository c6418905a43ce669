package dev.desktopidentity.samples.desktop;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Swing application that signs the user in, shows who signed in and calls an API.
 */
@SpringBootApplication
public class DesktopSampleApplication {

	public static void main(String[] args) {
		// Spring Boot sets java.awt.headless=true unless told otherwise.
		new SpringApplicationBuilder(DesktopSampleApplication.class).headless(false).run(args);
	}

}
