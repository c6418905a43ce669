package com.example.consumer;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Greets the signed-in user.
 */
@SpringBootApplication
public class ConsumerApplication {

	public static void main(String[] args) {
		SpringApplication.run(ConsumerApplication.class, args);
	}

	@Bean
	CommandLineRunner greet(Greeter greeter) {
		return (args) -> {
			if (args.length > 0 && args[0].equals("--greet")) {
				System.out.println(greeter.greeting());
			}
		};
	}

}
