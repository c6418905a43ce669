package dev.desktopidentity.test;

import java.io.IOException;

/**
 * The authorization endpoint: validates the request and starts the sign-in. Errors about
 * the client or the redirect URI show an error page; all others go back to the redirect
 * URI.
 */
final class AuthorizeHandler implements CallHandler {

	private final ProviderContext context;

	private final AuthorizeRequestParser parser;

	private final SignInFlow flow;

	AuthorizeHandler(ProviderContext context, SignInFlow flow) {
		this.context = context;
		this.parser = new AuthorizeRequestParser(context.clients(), context.tenantId());
		this.flow = flow;
	}

	@Override
	public void handle(HttpCall call, String tenant) throws IOException {
		RedirectTarget target;
		try {
			target = this.parser.target(call.parameters());
		}
		catch (OAuthException ex) {
			call.html(400, Html.errorPage("Sign-in error", ex.getMessage()));
			return;
		}
		AuthorizeRequest request;
		try {
			request = this.parser.parse(call.parameters(), target, tenant);
		}
		catch (OAuthException ex) {
			AuthorizationResponder.error(call, target, ex);
			return;
		}
		this.flow.begin(call, this.context.transactions().authorize(request));
	}

}
