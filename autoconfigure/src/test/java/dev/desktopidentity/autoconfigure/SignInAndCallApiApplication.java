package dev.desktopidentity.autoconfigure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.TokenAcquisitionException;
import dev.desktopidentity.TokenRequest;
import dev.desktopidentity.signin.BrowserLauncher;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/**
 * Main class of the child JVMs of {@link SecretsInLogOutputTests}: an application as a
 * user writes one, with the starter's auto-configuration and Spring Boot's. The test plays
 * the browser: it reads the {@code OPEN} line and delivers the redirect.
 * <p>
 * Arguments: the scenario, the API's base URL, then Spring Boot command-line properties.
 * Scenarios:
 * <ul>
 * <li>{@code calls}: sign in, call the API twice with the bearer token, have the token
 * refreshed with the refresh token, call the API again (the test's API rejects the first
 * call after the refresh with {@code invalid_token}, so the interceptor renews the token)
 * and exit;</li>
 * <li>{@code stale-refresh-token}: sign in, wait for a line on standard input (the test
 * revokes the refresh token meanwhile), ask for a refreshed token, which signs in again;</li>
 * <li>{@code report-failure}: ask for a token and print the failure as an application
 * would.</li>
 * </ul>
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class SignInAndCallApiApplication {

	@Bean
	BrowserLauncher testBrowser() {
		return (url) -> {
			System.out.println("OPEN " + url);
			System.out.flush();
		};
	}

	public static void main(String[] args) throws IOException {
		String scenario = args[0];
		String api = args[1];
		String[] properties = Arrays.copyOfRange(args, 2, args.length);
		try (ConfigurableApplicationContext context = SpringApplication.run(SignInAndCallApiApplication.class,
				properties)) {
			InteractiveTokenProvider tokens = context.getBean(InteractiveTokenProvider.class);
			switch (scenario) {
				case "calls" -> calls(context, tokens, api);
				case "stale-refresh-token" -> staleRefreshToken(tokens);
				case "report-failure" -> reportFailure(tokens);
				default -> throw new IllegalArgumentException(scenario);
			}
		}
		System.out.println("DONE");
		System.exit(0);
	}

	private static void calls(ConfigurableApplicationContext context, InteractiveTokenProvider tokens, String api) {
		RestClient client = context.getBean(RestClient.Builder.class).build();
		call(client, api + "/me");
		call(client, api + "/me");
		tokens.getToken(TokenRequest.builder().forceRefresh(true).build());
		call(client, api + "/rotate");
		call(client, api + "/me");
		System.out.println("CLIENT " + context.getBean(ClientHttpRequestFactoryBuilder.class).getClass().getSimpleName());
	}

	private static void staleRefreshToken(InteractiveTokenProvider tokens) throws IOException {
		tokens.getToken();
		System.out.println("SIGNED_IN");
		new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
		tokens.getToken(TokenRequest.builder().forceRefresh(true).build());
		System.out.println("SIGNED_IN_AGAIN");
	}

	private static void reportFailure(InteractiveTokenProvider tokens) {
		try {
			tokens.getToken();
		}
		catch (TokenAcquisitionException ex) {
			System.out.println("Could not sign in: " + ex.getMessage());
		}
	}

	private static void call(RestClient client, String url) {
		String body = client.get().uri(URI.create(url)).retrieve().body(String.class);
		System.out.println("API " + url.substring(url.lastIndexOf('/')) + " " + body);
	}

}
