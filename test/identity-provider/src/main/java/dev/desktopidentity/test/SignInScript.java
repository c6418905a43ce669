package dev.desktopidentity.test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Walks the provider's pages as one user, for an authorization request or a device code,
 * and fails as soon as a page is not what the script expects.
 *
 * @param browser the user agent
 * @param username the username
 * @param password the password
 * @param account the account to pick on the account picker, or {@code null} for the user's own
 * @param displayName the display name to sign up with, or {@code null} when sign-up is not expected
 * @param declineConsent whether to decline consent
 */
record SignInScript(Browser browser, String username, String password, @Nullable String account,
		@Nullable String displayName, boolean declineConsent) {

	private static final int MAX_PAGES = 10;

	/**
	 * Pages that the script was told to expect and that must show.
	 */
	enum Step {

		SELECT_ACCOUNT, SIGN_UP, CONSENT

	}

	AuthorizationOutcome authorize(URI authorizeUrl) {
		Set<Step> seen = EnumSet.noneOf(Step.class);
		HttpResponse<String> response = this.browser.get(authorizeUrl);
		for (int pages = 0; pages < MAX_PAGES; pages++) {
			URI location = location(response);
			if (location != null) {
				checkExpected(seen);
				return AuthorizationOutcome.redirect(location, this.browser);
			}
			HtmlPage page = HtmlPage.of(response);
			if (page.kind().equals("form-post")) {
				checkExpected(seen);
				HtmlPage.Form form = page.form();
				return AuthorizationOutcome.formPost(form.action(), form.fields(), this.browser);
			}
			response = next(page, seen);
		}
		throw new IllegalStateException("The sign-in as " + this.username + " did not end within " + MAX_PAGES
				+ " pages");
	}

	void device(URI verificationUri, String userCode, boolean decline) {
		HtmlPage page = HtmlPage.of(this.browser.get(verificationUri));
		expect(page, "device-code", "the device code page");
		HtmlPage.Form form = page.form();
		HttpResponse<String> response = this.browser.post(form.action(), form.submission(Map.of("user_code", userCode), null));
		Set<Step> seen = EnumSet.noneOf(Step.class);
		SignInScript script = decline ? new SignInScript(this.browser, this.username, this.password, this.account,
				this.displayName, true) : this;
		for (int pages = 0; pages < MAX_PAGES; pages++) {
			page = HtmlPage.of(response);
			if (page.kind().equals("device-complete") || page.kind().equals("device-declined")) {
				expect(page, decline ? "device-declined" : "device-complete",
						decline ? "the device sign-in to be declined" : "the device sign-in to complete");
				return;
			}
			response = script.next(page, seen);
		}
		throw new IllegalStateException("The device sign-in as " + this.username + " did not end within " + MAX_PAGES
				+ " pages");
	}

	private HttpResponse<String> next(HtmlPage page, Set<Step> seen) {
		if (page.error() != null) {
			throw new IllegalStateException("The provider showed an error on page " + page);
		}
		HtmlPage.Form form;
		switch (page.kind()) {
			case "sign-in" -> {
				form = page.form();
				return submit(form, Map.of("username", this.username, "password", this.password), null);
			}
			case "select-account" -> {
				seen.add(Step.SELECT_ACCOUNT);
				return selectAccount(page.form());
			}
			case "sign-up" -> {
				seen.add(Step.SIGN_UP);
				return signUp(page);
			}
			case "consent" -> {
				seen.add(Step.CONSENT);
				form = page.form();
				return submit(form, Map.of(), form.button("consent", this.declineConsent ? "deny" : "accept"));
			}
			default -> throw new IllegalStateException("The sign-in as " + this.username
					+ " reached an unexpected page " + page);
		}
	}

	private HttpResponse<String> selectAccount(HtmlPage.Form form) {
		String wanted = (this.account != null) ? this.account : this.username;
		HtmlPage.Button button = form.button("account", wanted);
		if (button == null && this.account != null) {
			throw new IllegalStateException("The account picker does not offer " + this.account + "; it offers "
					+ form.values("account"));
		}
		return submit(form, Map.of(), (button != null) ? button : form.button("use_another_account", "true"));
	}

	private HttpResponse<String> signUp(HtmlPage page) {
		if (this.displayName == null) {
			throw new IllegalStateException("The provider asks to create an account " + page
					+ "; script it with signUp(displayName)");
		}
		return submit(page.form(),
				Map.of("username", this.username, "password", this.password, "display_name", this.displayName), null);
	}

	private HttpResponse<String> submit(HtmlPage.Form form, Map<String, String> values,
			HtmlPage.@Nullable Button button) {
		return this.browser.post(form.action(), form.submission(values, button));
	}

	private void checkExpected(Set<Step> seen) {
		check(seen, Step.SELECT_ACCOUNT, this.account != null, "the account picker");
		check(seen, Step.SIGN_UP, this.displayName != null, "the sign-up page");
		check(seen, Step.CONSENT, this.declineConsent, "the consent page");
	}

	private void check(Set<Step> seen, Step step, boolean expected, String description) {
		if (expected && !seen.contains(step)) {
			throw new IllegalStateException("The sign-in as " + this.username + " ended without showing "
					+ description + " that the script expected");
		}
	}

	private static void expect(HtmlPage page, String kind, String description) {
		if (!page.kind().equals(kind)) {
			throw new IllegalStateException("Expected " + description + " but the provider showed " + page);
		}
	}

	@Override
	public String toString() {
		return "SignInScript[username=" + this.username + "]";
	}

	private static @Nullable URI location(HttpResponse<String> response) {
		int status = response.statusCode();
		if (status < 300 || status > 399) {
			return null;
		}
		return response.headers()
			.firstValue("Location")
			.map((location) -> response.uri().resolve(location))
			.orElseThrow(() -> new IllegalStateException("HTTP " + status + " without a Location header"));
	}

}
