package dev.desktopidentity.benchmarks.startup.app;

import dev.desktopidentity.InteractiveTokenProvider;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The bare app with the starter: it gets a token (from the warm token cache) and prints
 * who it belongs to.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class StarterApplication {

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(SpringApplication.run(StarterApplication.class, args)));
	}

	@Bean
	CommandLineRunner whoAmI(InteractiveTokenProvider tokens) {
		return (args) -> System.out.println("Signed in as " + tokens.getToken().getAccount().username());
	}

}
