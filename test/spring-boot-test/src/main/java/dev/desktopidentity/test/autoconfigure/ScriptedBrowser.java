package dev.desktopidentity.test.autoconfigure;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import dev.desktopidentity.signin.BrowserLauncher;
import dev.desktopidentity.test.AuthorizationOutcome;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.ScriptedUser;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * The browser of an application under test with
 * {@link AutoConfigureLocalIdentityProvider}: the application's {@link BrowserLauncher},
 * which has a {@link ScriptedUser} sign in on the page the application opens and
 * delivers the answer to the application's loopback redirect URI, and which enters every
 * device code the local identity provider issues, as a user who reads it off the screen.
 * <p>
 * A test changes who signs in, and how, for the rest of the test method, here with
 * {@code @AutoConfigureLocalIdentityProvider(consentPreGranted = false)}, so that the
 * consent page shows:
 * <pre class="code">
 * &#64;Test
 * void signInWhenUserDeclinesConsentThenFails(ScriptedBrowser browser, ScriptedUser user) {
 *     browser.setUser(user.declineConsent());
 *     assertThatExceptionOfType(SignInFailedException.class).isThrownBy(this.tokens::getToken);
 * }
 * </pre>
 * After each test method it plays the default user again, with its sign-in count and
 * failures cleared. When the scripted user cannot complete a sign-in (wrong password, a
 * page the script does not expect), the failure is logged and recorded, and the
 * application's sign-in ends at once: the browser sign-in with an {@code access_denied}
 * error that carries the reason, the device code sign-in with an expired code.
 *
 * @since 0.1.0
 * @see AutoConfigureLocalIdentityProvider
 */
public final class ScriptedBrowser implements BrowserLauncher {

	private static final Log logger = LogFactory.getLog(ScriptedBrowser.class);

	private final LocalIdentityProvider provider;

	private final ScriptedUser defaultUser;

	private final Map<String, String> passwords = new HashMap<>();

	private final boolean signOutAfterEachTest;

	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "scripted-browser");
		thread.setDaemon(true);
		return thread;
	});

	private final HttpClient redirectClient = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final AtomicInteger signIns = new AtomicInteger();

	private final List<RuntimeException> failures = new CopyOnWriteArrayList<>();

	private volatile ScriptedUser user;

	ScriptedBrowser(LocalIdentityProvider provider, ScriptedUser defaultUser, LocalIdentityProviderSettings settings) {
		this.provider = provider;
		this.defaultUser = defaultUser;
		this.user = defaultUser;
		this.signOutAfterEachTest = settings.signOutAfterEachTest();
		settings.users().forEach((user) -> this.passwords.put(key(user.username()), user.password()));
	}

	/**
	 * Return the user who signs in next.
	 * @return the scripted user
	 */
	public ScriptedUser getUser() {
		return this.user;
	}

	/**
	 * Set the user who signs in from now on, until the end of the test method, such as
	 * {@code user.declineConsent()} or {@code user.chooseAccount("bob@contoso.test")}.
	 * @param user the scripted user, of this context's provider
	 */
	public void setUser(ScriptedUser user) {
		Assert.notNull(user, "'user' must not be null");
		this.user = user;
	}

	/**
	 * Sign in as another user of the provider from now on, until the end of the test
	 * method, in the same browser (its cookies carry over).
	 * @param username a user named in {@link AutoConfigureLocalIdentityProvider}
	 * @return the scripted user who signs in from now on
	 * @throws IllegalArgumentException if the annotation names no such user
	 */
	public ScriptedUser signInAs(String username) {
		Assert.notNull(username, "'username' must not be null");
		String password = this.passwords.get(key(username));
		Assert.isTrue(password != null, () -> "@AutoConfigureLocalIdentityProvider names no user " + username
				+ "; add it with users = @User(username = \"" + username + "\", password = \"...\")");
		ScriptedUser other = this.defaultUser.as(username, password);
		setUser(other);
		return other;
	}

	/**
	 * Return how often the application asked the user to sign in since the test method
	 * started: browser pages opened and device codes issued.
	 * @return the number of sign-ins
	 */
	public int getSignInCount() {
		return this.signIns.get();
	}

	/**
	 * Return the sign-ins the scripted user could not complete since the test method
	 * started.
	 * @return the failures, oldest first
	 */
	public List<RuntimeException> getFailures() {
		return List.copyOf(this.failures);
	}

	/**
	 * Play the default user again, and forget the sign-in count and the failures. Called
	 * after each test method.
	 */
	public void reset() {
		this.user = this.defaultUser;
		this.signIns.set(0);
		this.failures.clear();
	}

	/**
	 * Have the current user sign in on the page, on a thread of its own, and deliver the
	 * answer to the redirect URI.
	 * @param url the authorization request URL
	 */
	@Override
	public void open(URI url) {
		Assert.notNull(url, "'url' must not be null");
		this.signIns.incrementAndGet();
		ScriptedUser signingIn = this.user;
		this.executor.execute(() -> authorize(signingIn, url));
	}

	/**
	 * Have the current user enter a device code; called on a thread of the provider's.
	 * @param userCode the user code
	 */
	void enterDeviceCode(String userCode) {
		this.signIns.incrementAndGet();
		ScriptedUser signingIn = this.user;
		try {
			signingIn.completeDeviceCode(userCode);
		}
		catch (RuntimeException ex) {
			fail(signingIn, ex);
			this.provider.expireDeviceCode(userCode);
		}
	}

	boolean signsOutAfterEachTest() {
		return this.signOutAfterEachTest;
	}

	void close() {
		this.executor.shutdownNow();
	}

	private void authorize(ScriptedUser signingIn, URI url) {
		try {
			AuthorizationOutcome outcome = signingIn.signIn(url);
			outcome.deliver();
		}
		catch (RuntimeException ex) {
			fail(signingIn, ex);
			deliverFailure(url, signingIn, ex);
		}
	}

	private void fail(ScriptedUser signingIn, RuntimeException ex) {
		this.failures.add(ex);
		logger.warn("The scripted user " + signingIn.username() + " could not sign in: " + ex.getMessage());
	}

	/**
	 * End the application's wait as the identity provider would if the user gave up: an
	 * {@code access_denied} error with the request's state, sent to its redirect URI.
	 */
	private void deliverFailure(URI authorizationUrl, ScriptedUser signingIn, RuntimeException failure) {
		Map<String, String> query = query(authorizationUrl);
		String redirectUri = query.get("redirect_uri");
		if (redirectUri == null) {
			return;
		}
		String description = "The scripted user " + signingIn.username() + " could not sign in: "
				+ failure.getMessage();
		StringBuilder target = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?')
			.append("error=access_denied&error_description=")
			.append(URLEncoder.encode(description, StandardCharsets.UTF_8));
		String state = query.get("state");
		if (state != null) {
			target.append("&state=").append(URLEncoder.encode(state, StandardCharsets.UTF_8));
		}
		try {
			this.redirectClient.send(HttpRequest.newBuilder(URI.create(target.toString()))
				.timeout(Duration.ofSeconds(10))
				.GET()
				.build(), HttpResponse.BodyHandlers.discarding());
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			logger.warn("Could not tell the application that sign-in failed: " + ex.getMessage());
		}
	}

	private static Map<String, String> query(URI url) {
		Map<String, String> parameters = new HashMap<>();
		String query = url.getRawQuery();
		if (query == null) {
			return parameters;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				parameters.putIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return parameters;
	}

	private static String key(String username) {
		return username.strip().toLowerCase(Locale.ROOT);
	}

	@Override
	public String toString() {
		return "ScriptedBrowser[" + this.user.username() + "]";
	}

}
