package dev.desktopidentity.samples.console;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractionRequiredException;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.SignedInAccount;
import dev.desktopidentity.TokenRequest;
import dev.desktopidentity.cache.SignOutResult;
import dev.desktopidentity.cache.SignedInAccounts;

import org.springframework.stereotype.Component;

/**
 * The sample's {@code --status} and {@code --sign-out} options, as {@code gh auth status}
 * and {@code gh auth logout}: who is signed in, until when the token works and how the
 * token cache is protected; and signing every account out.
 */
@Component
class AccountCommands {

	private final SignedInAccounts accounts;

	private final InteractiveTokenProvider tokens;

	private final PrintStream out = System.out;

	AccountCommands(SignedInAccounts accounts, InteractiveTokenProvider tokens) {
		this.accounts = accounts;
		this.tokens = tokens;
	}

	void status() {
		this.out.printf("Token cache: %s%n", this.accounts.cacheStatus().description());
		List<SignedInAccount> signedIn = this.accounts.list();
		if (signedIn.isEmpty()) {
			this.out.println("Not signed in. Run without --status to sign in.");
			return;
		}
		Optional<SignedInAccount> remembered = this.accounts.remembered();
		for (SignedInAccount account : signedIn) {
			this.out.printf("Signed in as %s%s%n", account.username(),
					remembered.equals(Optional.of(account)) ? " (used by default)" : "");
		}
		try {
			AccessToken token = this.tokens.getToken(TokenRequest.builder().silentOnly().build());
			this.out.printf("Access token valid until %s for %s%n", token.getExpiresAt(),
					token.getAccount().username());
		}
		catch (InteractionRequiredException ex) {
			this.out.println("No access token without signing in again.");
		}
	}

	void signOut() {
		SignOutResult result = this.accounts.signOutAll();
		for (SignedInAccount account : result.accounts()) {
			this.out.printf("Signed out %s.%n", account.username());
		}
		// whether the identity provider revoked the refresh token, or only this computer forgot it
		this.out.println(result.description());
	}

}
