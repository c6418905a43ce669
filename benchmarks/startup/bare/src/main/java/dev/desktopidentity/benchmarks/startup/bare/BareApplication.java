package dev.desktopidentity.benchmarks.startup.bare;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The baseline: a Spring Boot command-line app that prints one line and exits.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class BareApplication {

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(SpringApplication.run(BareApplication.class, args)));
	}

	@Bean
	CommandLineRunner hello() {
		return (args) -> System.out.println("Hello from a bare Spring Boot app");
	}

}
