package dev.desktopidentity.test;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A user who signs in to a {@link LocalIdentityProvider} through its pages without a
 * browser: an HTTP user agent with its own cookie jar that fills in the sign-in form,
 * picks accounts, signs up and answers consent as scripted. Every request times out (10
 * seconds by default), and any page that does not fit the script ends the sign-in with an
 * {@link IllegalStateException} naming the page and its error text.
 * <p>
 * Example, playing the browser of an MSAL interactive sign-in:
 * <pre class="code">
 * ScriptedUser alice = ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!");
 * SystemBrowserOptions browser = SystemBrowserOptions.builder()
 *     .openBrowserAction((url) -&gt; alice.signIn(url.toURI()).deliver())
 *     .build();
 * IAuthenticationResult result = application.acquireToken(InteractiveRequestParameters
 *     .builder(URI.create("http://localhost"))
 *     .scopes(Set.of("api://app/read"))
 *     .systemBrowserOptions(browser)
 *     .build()).get();
 * </pre>
 * and completing a device code sign-in:
 * <pre class="code">
 * DeviceCodeFlowParameters parameters = DeviceCodeFlowParameters
 *     .builder(Set.of("api://app/read"), (deviceCode) -&gt; alice.completeDeviceCode(deviceCode.userCode()))
 *     .build();
 * </pre>
 * Options return a new scripted user that shares the cookie jar, so that browser sessions
 * carry over: {@code alice.as("bob@contoso.test", "Passw0rd!")} signs in a second account
 * in the same browser.
 *
 * @since 0.1.0
 */
public final class ScriptedUser {

	/**
	 * Default timeout of each request.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	private final LocalIdentityProvider provider;

	private final SignInScript script;

	private ScriptedUser(LocalIdentityProvider provider, SignInScript script) {
		this.provider = provider;
		this.script = script;
	}

	/**
	 * Return a scripted user with a new cookie jar.
	 * @param provider the provider, whose certificate the user trusts
	 * @param username the username
	 * @param password the password
	 * @return the scripted user
	 */
	public static ScriptedUser of(LocalIdentityProvider provider, String username, String password) {
		Objects.requireNonNull(provider, "'provider' must not be null");
		Objects.requireNonNull(username, "'username' must not be null");
		Objects.requireNonNull(password, "'password' must not be null");
		Browser browser = new Browser(provider.sslContext(), DEFAULT_TIMEOUT);
		return new ScriptedUser(provider, new SignInScript(browser, username, password, null, null, false));
	}

	/**
	 * Return a scripted user with other credentials in the same browser.
	 * @param username the username
	 * @param password the password
	 * @return the scripted user
	 */
	public ScriptedUser as(String username, String password) {
		Objects.requireNonNull(username, "'username' must not be null");
		Objects.requireNonNull(password, "'password' must not be null");
		return with(new SignInScript(this.script.browser(), username, password, null, null, false));
	}

	/**
	 * Return a scripted user that presses Cancel on the consent page, which must show.
	 * @return the scripted user
	 */
	public ScriptedUser declineConsent() {
		SignInScript s = this.script;
		return with(new SignInScript(s.browser(), s.username(), s.password(), s.account(), s.displayName(), true));
	}

	/**
	 * Return a scripted user that picks an account on the account picker, which must
	 * show and offer it. Without this option the picker is answered with the user's own
	 * account when offered, else with "Use another account".
	 * @param username the account to pick
	 * @return the scripted user
	 */
	public ScriptedUser chooseAccount(String username) {
		Objects.requireNonNull(username, "'username' must not be null");
		SignInScript s = this.script;
		return with(new SignInScript(s.browser(), s.username(), s.password(), username, s.displayName(),
				s.declineConsent()));
	}

	/**
	 * Return a scripted user that creates its account on the sign-up page
	 * ({@code prompt=create}), which must show, with its username, password and this
	 * display name.
	 * @param displayName the display name
	 * @return the scripted user
	 */
	public ScriptedUser signUp(String displayName) {
		Objects.requireNonNull(displayName, "'displayName' must not be null");
		SignInScript s = this.script;
		return with(
				new SignInScript(s.browser(), s.username(), s.password(), s.account(), displayName, s.declineConsent()));
	}

	/**
	 * Return a scripted user, sharing this one's cookies, whose requests time out after
	 * the given duration.
	 * @param timeout the timeout of each request
	 * @return the scripted user
	 */
	public ScriptedUser withTimeout(Duration timeout) {
		Objects.requireNonNull(timeout, "'timeout' must not be null");
		SignInScript s = this.script;
		return with(new SignInScript(s.browser().withTimeout(timeout), s.username(), s.password(), s.account(),
				s.displayName(), s.declineConsent()));
	}

	/**
	 * Open an authorization URL and sign in as scripted, up to the authorization
	 * response, which is returned without being delivered.
	 * @param authorizeUrl the authorization request URL
	 * @return the authorization response, a code or an OAuth error such as
	 * {@code access_denied} or {@code login_required}
	 * @throws IllegalStateException when a page does not fit the script, shows an error
	 * (such as wrong credentials) or a request fails or times out
	 * @see AuthorizationOutcome#deliver()
	 */
	public AuthorizationOutcome signIn(URI authorizeUrl) {
		Objects.requireNonNull(authorizeUrl, "'authorizeUrl' must not be null");
		return this.script.authorize(authorizeUrl);
	}

	/**
	 * Open the device verification page, enter the user code, sign in and confirm; a user
	 * made with {@link #declineConsent()} declines instead, as with
	 * {@link #declineDeviceCode(String)}.
	 * @param userCode the user code shown by the application
	 * @throws IllegalStateException when the code is not accepted, a page does not fit
	 * the script or a request fails or times out
	 */
	public void completeDeviceCode(String userCode) {
		Objects.requireNonNull(userCode, "'userCode' must not be null");
		this.script.device(this.provider.deviceVerificationUri(), userCode, this.script.declineConsent());
	}

	/**
	 * Open the device verification page, enter the user code, sign in and decline.
	 * @param userCode the user code shown by the application
	 * @throws IllegalStateException when the code is not accepted, a page does not fit
	 * the script or a request fails or times out
	 */
	public void declineDeviceCode(String userCode) {
		Objects.requireNonNull(userCode, "'userCode' must not be null");
		this.script.device(this.provider.deviceVerificationUri(), userCode, true);
	}

	/**
	 * Return the username.
	 * @return the username
	 */
	public String username() {
		return this.script.username();
	}

	private ScriptedUser with(SignInScript newScript) {
		return new ScriptedUser(this.provider, newScript);
	}

	@Override
	public String toString() {
		return "ScriptedUser[" + this.script.username() + "]";
	}

}
