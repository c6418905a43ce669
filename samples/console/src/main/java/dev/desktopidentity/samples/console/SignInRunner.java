package dev.desktopidentity.samples.console;

import java.io.PrintStream;
import java.util.List;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.SignInCancelledException;
import dev.desktopidentity.SignInTimeoutException;
import dev.desktopidentity.TokenAcquisitionException;
import dev.desktopidentity.samples.demo.ApiClient;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * Gets a token (signing the user in if needed) and calls the API with it; then does it
 * again, and the second token comes from the cache without a second sign-in. With
 * {@code --status} or {@code --sign-out}, shows or ends the signed-in state instead.
 */
@Component
class SignInRunner implements CommandLineRunner, ExitCodeGenerator {

	private final InteractiveTokenProvider tokens;

	private final ApiClient api;

	private final AccountCommands accounts;

	private final PrintStream out = System.out;

	private final PrintStream err = System.err;

	private int exitCode;

	SignInRunner(InteractiveTokenProvider tokens, ApiClient api, AccountCommands accounts) {
		this.tokens = tokens;
		this.api = api;
		this.accounts = accounts;
	}

	@Override
	public void run(String... args) {
		List<String> options = List.of(args);
		try {
			if (options.contains("--status")) {
				this.accounts.status();
				return;
			}
			if (options.contains("--sign-out")) {
				this.accounts.signOut();
				return;
			}
			AccessToken token = this.tokens.getToken();
			this.out.printf("Signed in as %s; the token expires at %s.%n", token.getAccount().username(),
					token.getExpiresAt());
			this.out.printf("%s answered: %s%n", this.api.url(), this.api.call());
			this.out.printf("Called the API again, with the token in memory: %s%n", this.api.call());
		}
		catch (SignInTimeoutException ex) {
			this.err.printf("Could not get a token: %s%n", ex.getMessage());
			this.exitCode = 1;
		}
		catch (SignInCancelledException ex) {
			// Ctrl-C: the notifier has said "Sign-in cancelled."
			this.exitCode = ConsoleSampleApplication.INTERRUPTED;
		}
		catch (TokenAcquisitionException ex) {
			// the message names the identity provider, says what went wrong and what to do
			this.err.printf("Could not get a token: %s%n", ex.getMessage());
			this.exitCode = 1;
		}
		catch (ApiClient.ApiException ex) {
			this.err.printf("The API call failed: %s%n", ex.getMessage());
			this.exitCode = 2;
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
