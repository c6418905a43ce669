package dev.desktopidentity.test;

import org.jspecify.annotations.Nullable;

/**
 * The device verification pages: code entry and the final messages.
 */
final class DevicePages {

	private DevicePages() {
	}

	static String enterCode(String action, @Nullable String error) {
		StringBuilder body = new StringBuilder();
		body.append(Html.paragraph("Enter the code displayed on your app or device."));
		body.append(Html.alert(error));
		body.append("<form method=\"post\" action=\"").append(Html.escape(action)).append("\">\n");
		body.append("<label for=\"user_code\">Code</label>\n");
		body.append("<input id=\"user_code\" name=\"user_code\" type=\"text\" autocomplete=\"off\" ");
		body.append("autocapitalize=\"characters\" spellcheck=\"false\" required autofocus>\n");
		body.append("<div class=\"actions\">\n").append(Html.button(null, null, "Next", true));
		body.append("</div>\n</form>\n");
		return Html.page("device-code", "Enter code", body.toString());
	}

	static String approved(String clientId) {
		return Html.page("device-complete", "You have signed in",
				Html.paragraph("You have signed in to " + clientId + " on your device. You may now close this window."));
	}

	static String declined(String clientId) {
		return Html.page("device-declined", "Sign-in declined",
				Html.paragraph("You declined to sign in to " + clientId
						+ " on your device. You may now close this window."));
	}

}
