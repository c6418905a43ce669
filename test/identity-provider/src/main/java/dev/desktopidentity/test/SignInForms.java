package dev.desktopidentity.test;

import java.io.IOException;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Handles the form submissions of a sign-in, according to the page the sign-in is on.
 */
final class SignInForms {

	static final String BAD_CREDENTIALS = "Your account or password is incorrect.";

	private final ProviderContext context;

	private final SignInFlow flow;

	SignInForms(ProviderContext context, SignInFlow flow) {
		this.context = context;
		this.flow = flow;
	}

	void submit(HttpCall call, Transaction transaction) throws IOException {
		switch (transaction.stage()) {
			case SIGN_IN -> signIn(call, transaction);
			case SELECT_ACCOUNT -> selectAccount(call, transaction);
			case SIGN_UP -> signUp(call, transaction);
			case CONSENT -> consent(call, transaction);
		}
	}

	private void signIn(HttpCall call, Transaction transaction) throws IOException {
		String username = call.parameter("username");
		LocalUser user = this.context.users().authenticate(username, call.parameter("password"));
		if (user == null) {
			this.flow.showSignIn(call, transaction, username, BAD_CREDENTIALS);
			return;
		}
		this.flow.authenticated(call, transaction, user);
	}

	private void selectAccount(HttpCall call, Transaction transaction) throws IOException {
		if (call.parameter("use_another_account") != null) {
			this.flow.showSignIn(call, transaction, transaction.loginHint(), null);
			return;
		}
		List<LocalUser> accounts = this.context.sessions().accounts(call, this.context.users());
		String chosen = call.parameter("account");
		LocalUser account = (chosen != null)
				? accounts.stream().filter((candidate) -> candidate.hasUsername(chosen)).findFirst().orElse(null)
				: null;
		if (account == null) {
			this.flow.showAccounts(call, transaction, accounts, "That account is not signed in here. Pick another one.");
			return;
		}
		this.flow.authenticated(call, transaction, account);
	}

	private void signUp(HttpCall call, Transaction transaction) throws IOException {
		String username = call.parameter("username");
		String displayName = call.parameter("display_name");
		String password = call.parameter("password");
		if (username == null || displayName == null || password == null) {
			showSignUp(call, transaction, username, displayName, "Enter a username, a display name and a password.");
			return;
		}
		LocalUser user = this.context.users().create(username, password, displayName);
		if (user == null) {
			showSignUp(call, transaction, username, displayName, "An account with this username already exists.");
			return;
		}
		this.flow.authenticated(call, transaction, user);
	}

	private void showSignUp(HttpCall call, Transaction transaction, @Nullable String username,
			@Nullable String displayName,
			String error) throws IOException {
		this.flow.show(call, transaction, Transaction.Stage.SIGN_UP,
				SignInPages.signUp(transaction, username, displayName, error));
	}

	private void consent(HttpCall call, Transaction transaction) throws IOException {
		LocalUser user = transaction.user();
		String answer = call.parameter("consent");
		if (user == null || (!"accept".equals(answer) && !"deny".equals(answer))) {
			call.html(400, Html.errorPage("Sign-in error", "Choose whether to accept or cancel."));
			return;
		}
		if ("deny".equals(answer)) {
			this.flow.decline(call, transaction);
			return;
		}
		this.context.consents().grant(user, transaction.clientId(), transaction.scopes());
		this.flow.complete(call, transaction);
	}

}
