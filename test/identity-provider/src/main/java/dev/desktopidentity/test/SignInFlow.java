package dev.desktopidentity.test;

import java.io.IOException;
import java.util.List;

import com.nimbusds.openid.connect.sdk.Prompt;
import org.jspecify.annotations.Nullable;

/**
 * Decides the pages of a sign-in: which page comes first given the prompt and the
 * browser session, and what follows once the user is known.
 */
final class SignInFlow {

	private final ProviderContext context;

	SignInFlow(ProviderContext context) {
		this.context = context;
	}

	/**
	 * Show the first page of a sign-in, or finish it silently when the browser session
	 * allows.
	 * @param call the call
	 * @param transaction the sign-in
	 * @throws IOException on a write failure
	 */
	void begin(HttpCall call, Transaction transaction) throws IOException {
		AuthorizeRequest request = transaction.authorizeRequest();
		List<LocalUser> accounts = this.context.sessions().accounts(call, this.context.users());
		if (request != null && request.prompts(Prompt.Type.NONE)) {
			silent(call, transaction, request, accounts);
		}
		else if (request != null && request.prompts(Prompt.Type.CREATE)) {
			show(call, transaction, Transaction.Stage.SIGN_UP, SignInPages.signUp(transaction, null, null, null));
		}
		else if ((request != null && request.prompts(Prompt.Type.LOGIN)) || accounts.isEmpty()) {
			showSignIn(call, transaction, transaction.loginHint(), null);
		}
		else if (request == null || request.prompts(Prompt.Type.SELECT_ACCOUNT)) {
			showAccounts(call, transaction, accounts, null);
		}
		else {
			LocalUser account = sessionAccount(accounts, transaction.loginHint());
			if (account != null) {
				authenticated(call, transaction, account);
			}
			else if (transaction.loginHint() == null) {
				showAccounts(call, transaction, accounts, null);
			}
			else {
				showSignIn(call, transaction, transaction.loginHint(), null);
			}
		}
	}

	private void silent(HttpCall call, Transaction transaction, AuthorizeRequest request, List<LocalUser> accounts)
			throws IOException {
		LocalUser account = sessionAccount(accounts, request.loginHint());
		if (account == null) {
			boolean choose = !accounts.isEmpty() && request.loginHint() == null;
			finish(transaction);
			AuthorizationResponder.error(call, request.target(),
					new OAuthException(choose ? AadError.SELECT_ACCOUNT : AadError.LOGIN_REQUIRED));
			return;
		}
		transaction.user(account);
		if (this.context.consents().declines(account)) {
			decline(call, transaction);
		}
		else if (!this.context.consents().granted(account, transaction.clientId(), transaction.scopes())) {
			finish(transaction);
			AuthorizationResponder.error(call, request.target(),
					new OAuthException(AadError.CONSENT_REQUIRED_INTERACTIVE, transaction.clientId()));
		}
		else {
			complete(call, transaction);
		}
	}

	/**
	 * Continue once the user is known: remember the account in the browser session, then
	 * ask for consent or finish.
	 * @param call the call
	 * @param transaction the sign-in
	 * @param user the user
	 * @throws IOException on a write failure
	 */
	void authenticated(HttpCall call, Transaction transaction, LocalUser user) throws IOException {
		transaction.user(user);
		this.context.sessions().signIn(call, user);
		AuthorizeRequest request = transaction.authorizeRequest();
		boolean forced = transaction.isDevice() || (request != null && request.prompts(Prompt.Type.CONSENT));
		if (this.context.consents().declines(user)) {
			decline(call, transaction);
		}
		else if (forced || !this.context.consents().granted(user, transaction.clientId(), transaction.scopes())) {
			show(call, transaction, Transaction.Stage.CONSENT, SignInPages.consent(transaction, user));
		}
		else {
			complete(call, transaction);
		}
	}

	/**
	 * Finish successfully: send the code to the redirect URI, or approve the device code.
	 * @param call the call
	 * @param transaction the sign-in, whose user is known
	 * @throws IOException on a write failure
	 */
	void complete(HttpCall call, Transaction transaction) throws IOException {
		finish(transaction);
		LocalUser user = requireUser(transaction);
		AuthorizeRequest request = transaction.authorizeRequest();
		DeviceAuthorization device = transaction.device();
		if (request != null) {
			TokenGrant grant = new TokenGrant(user, transaction.clientId(), request.scopes(), request.nonce(),
					request.claims());
			String code = this.context.codes().issue(grant, request.target().redirectUri().toString(),
					request.codeChallenge());
			this.context.requests().recordIssued(List.of(code));
			AuthorizationResponder.code(call, request.target(), code);
		}
		else if (device != null) {
			device.approve(user);
			call.html(200, DevicePages.approved(transaction.clientId()));
		}
	}

	/**
	 * Finish with the user's refusal: {@code access_denied} to the redirect URI, or a
	 * declined device code.
	 * @param call the call
	 * @param transaction the sign-in
	 * @throws IOException on a write failure
	 */
	void decline(HttpCall call, Transaction transaction) throws IOException {
		finish(transaction);
		AuthorizeRequest request = transaction.authorizeRequest();
		DeviceAuthorization device = transaction.device();
		if (request != null) {
			AuthorizationResponder.error(call, request.target(), new OAuthException(AadError.USER_DECLINED_CONSENT));
		}
		else if (device != null) {
			device.decline();
			call.html(200, DevicePages.declined(transaction.clientId()));
		}
	}

	void showSignIn(HttpCall call, Transaction transaction, @Nullable String username, @Nullable String error)
			throws IOException {
		show(call, transaction, Transaction.Stage.SIGN_IN, SignInPages.signIn(transaction, username, error));
	}

	void showAccounts(HttpCall call, Transaction transaction, List<LocalUser> accounts, @Nullable String error)
			throws IOException {
		show(call, transaction, Transaction.Stage.SELECT_ACCOUNT,
				SignInPages.selectAccount(transaction, accounts, error));
	}

	void show(HttpCall call, Transaction transaction, Transaction.Stage stage, String page) throws IOException {
		transaction.stage(stage);
		call.html(200, page);
	}

	private void finish(Transaction transaction) {
		this.context.transactions().remove(transaction);
	}

	private static @Nullable LocalUser sessionAccount(List<LocalUser> accounts, @Nullable String loginHint) {
		if (loginHint != null) {
			return accounts.stream().filter((account) -> account.hasUsername(loginHint)).findFirst().orElse(null);
		}
		return (accounts.size() == 1) ? accounts.get(0) : null;
	}

	private static LocalUser requireUser(Transaction transaction) {
		LocalUser user = transaction.user();
		if (user == null) {
			throw new IllegalStateException("The sign-in has no user yet");
		}
		return user;
	}

}
