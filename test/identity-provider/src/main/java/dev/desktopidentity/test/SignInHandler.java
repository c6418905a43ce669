package dev.desktopidentity.test;

import java.io.IOException;

/**
 * Receives the form submissions of the authorization sign-in pages.
 */
final class SignInHandler implements CallHandler {

	static final String EXPIRED = "This sign-in has expired or is not known here. Start again from the application.";

	private final ProviderContext context;

	private final SignInForms forms;

	SignInHandler(ProviderContext context, SignInForms forms) {
		this.context = context;
		this.forms = forms;
	}

	@Override
	public void handle(HttpCall call, String tenant) throws IOException {
		if (!call.method().equals("POST")) {
			call.html(405, Html.errorPage("Sign-in error", "This page is reached by submitting a sign-in form."));
			return;
		}
		Transaction transaction = this.context.transactions().find(call.parameter("transaction"));
		if (transaction == null || transaction.isDevice()) {
			call.html(400, Html.errorPage("Sign-in error", EXPIRED));
			return;
		}
		this.forms.submit(call, transaction);
	}

}
