package dev.desktopidentity.test;

import java.io.IOException;

/**
 * The device verification page: takes the user code, then runs the sign-in and the
 * confirmation for the device.
 */
final class DeviceVerificationHandler implements CallHandler {

	static final String UNKNOWN_CODE = "That code didn't work. Check the code and try again.";

	private final ProviderContext context;

	private final SignInFlow flow;

	private final SignInForms forms;

	DeviceVerificationHandler(ProviderContext context, SignInFlow flow, SignInForms forms) {
		this.context = context;
		this.flow = flow;
		this.forms = forms;
	}

	@Override
	public void handle(HttpCall call, String tenant) throws IOException {
		if (!call.method().equals("POST")) {
			call.html(200, DevicePages.enterCode(formAction(tenant), null));
			return;
		}
		if (call.parameter("transaction") != null) {
			Transaction transaction = this.context.transactions().find(call.parameter("transaction"));
			if (transaction == null || !transaction.isDevice()) {
				call.html(400, Html.errorPage("Sign-in error", SignInHandler.EXPIRED));
				return;
			}
			this.forms.submit(call, transaction);
			return;
		}
		DeviceAuthorization device = this.context.devices().findByUserCode(call.parameter("user_code"));
		if (device == null || !device.awaitingUser()) {
			call.html(200, DevicePages.enterCode(formAction(tenant), UNKNOWN_CODE));
			return;
		}
		this.flow.begin(call, this.context.transactions().device(device, tenant));
	}

	private String formAction(String tenant) {
		return "/" + tenant + this.context.urls().paths().deviceVerification();
	}

}
