package dev.desktopidentity.benchmarks.startup.app;

import dev.desktopidentity.InteractiveTokenProvider;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The bare app with the starter: it gets a token (from the warm token cache) and prints
 * who it belongs to. With {@code -Dstartup.steps=true} it also prints where start-up
 * time went, from Spring's startup steps.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class StarterApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(StarterApplication.class);
		StartupSteps steps = StartupSteps.enabled() ? StartupSteps.record(application) : null;
		int exitCode = SpringApplication.exit(application.run(args));
		if (steps != null) {
			steps.print();
		}
		System.exit(exitCode);
	}

	@Bean
	CommandLineRunner whoAmI(InteractiveTokenProvider tokens) {
		return (args) -> {
			long start = System.nanoTime();
			String username = tokens.getToken().getAccount().username();
			long took = System.nanoTime() - start;
			System.out.println("Signed in as " + username);
			if (StartupSteps.enabled()) {
				System.out.printf("getToken() took %.1f ms%n", took / 1e6);
			}
		};
	}

}
