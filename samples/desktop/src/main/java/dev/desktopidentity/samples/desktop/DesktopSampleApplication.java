package dev.desktopidentity.samples.desktop;

import dev.desktopidentity.samples.demo.ApiClient;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/**
 * Swing application that signs the user in, shows who signed in and calls an API.
 */
@SpringBootApplication
@Import(ApiClient.class)
public class DesktopSampleApplication {

	public static void main(String[] args) {
		// Spring Boot sets java.awt.headless=true unless told otherwise.
		new SpringApplicationBuilder(DesktopSampleApplication.class).headless(false).run(args);
	}

}
