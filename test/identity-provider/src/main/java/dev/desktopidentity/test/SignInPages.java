package dev.desktopidentity.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The pages of a sign-in: password form, account picker, sign-up form and consent.
 */
final class SignInPages {

	private SignInPages() {
	}

	static String signIn(Transaction transaction, @Nullable String username, @Nullable String error) {
		StringBuilder body = new StringBuilder();
		body.append(Html.paragraph("to continue to " + transaction.clientId()));
		if (transaction.domainHint() != null) {
			body.append("<p class=\"hint\">Signing in to ").append(Html.escape(transaction.domainHint())).append("</p>\n");
		}
		body.append(Html.alert(error));
		body.append(Html.formStart(transaction.formAction(), transaction.id()));
		body.append(Html.input("username", "Username", "text", "username", username));
		body.append(Html.input("password", "Password", "password", "current-password", null));
		body.append("<div class=\"actions\">\n").append(Html.button(null, null, "Sign in", true));
		body.append("</div>\n</form>\n");
		return Html.page("sign-in", "Sign in", body.toString());
	}

	static String selectAccount(Transaction transaction, List<LocalUser> accounts, @Nullable String error) {
		StringBuilder body = new StringBuilder();
		body.append(Html.paragraph("to continue to " + transaction.clientId()));
		body.append(Html.alert(error));
		body.append(Html.formStart(transaction.formAction(), transaction.id()));
		for (LocalUser account : accounts) {
			body.append("<button type=\"submit\" class=\"account\" name=\"account\" value=\"")
				.append(Html.escape(account.username()))
				.append("\"><span class=\"name\">")
				.append(Html.escape(account.displayName()))
				.append("</span><span class=\"username\">")
				.append(Html.escape(account.username()))
				.append("</span></button>\n");
		}
		body.append("<button type=\"submit\" class=\"account\" name=\"use_another_account\" value=\"true\">")
			.append("Use another account</button>\n</form>\n");
		return Html.page("select-account", "Pick an account", body.toString());
	}

	static String signUp(Transaction transaction, @Nullable String username, @Nullable String displayName,
			@Nullable String error) {
		StringBuilder body = new StringBuilder();
		body.append(Html.paragraph("to continue to " + transaction.clientId()));
		body.append(Html.alert(error));
		body.append(Html.formStart(transaction.formAction(), transaction.id()));
		body.append(Html.input("username", "Username", "text", "username", username));
		body.append(Html.input("display_name", "Display name", "text", "name", displayName));
		body.append(Html.input("password", "Password", "password", "new-password", null));
		body.append("<div class=\"actions\">\n").append(Html.button(null, null, "Create account", true));
		body.append("</div>\n</form>\n");
		return Html.page("sign-up", "Create account", body.toString());
	}

	/**
	 * Return the consent page. For a device code it also asks whether the user is signing
	 * in on a device, and always shows.
	 * @param transaction the sign-in
	 * @param user the signed-in user
	 * @return the page
	 */
	static String consent(Transaction transaction, LocalUser user) {
		StringBuilder body = new StringBuilder();
		body.append("<p class=\"hint\">Signed in as ").append(Html.escape(user.username())).append("</p>\n");
		body.append(Html.paragraph(transaction.clientId() + " would like to:"));
		body.append("<ul class=\"scopes\">\n");
		for (String scope : transaction.scopes()) {
			body.append("<li>").append(Html.escape(scope)).append("</li>\n");
		}
		body.append("</ul>\n").append(Html.formStart(transaction.formAction(), transaction.id()));
		body.append("<div class=\"actions\">\n");
		body.append(Html.button("consent", "deny", transaction.isDevice() ? "Decline" : "Cancel", false));
		body.append(Html.button("consent", "accept", transaction.isDevice() ? "Continue" : "Accept", true));
		body.append("</div>\n</form>\n");
		String title = transaction.isDevice() ? "Are you trying to sign in to " + transaction.clientId() + "?"
				: "Permissions requested";
		return Html.page("consent", title, body.toString());
	}

}
