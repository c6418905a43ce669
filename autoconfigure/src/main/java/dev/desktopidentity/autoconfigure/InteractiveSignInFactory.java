package dev.desktopidentity.autoconfigure;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import com.microsoft.aad.msal4j.PublicClientApplication;
import dev.desktopidentity.cache.RememberedAccount;
import dev.desktopidentity.signin.AuthorizationCodeFlow;
import dev.desktopidentity.signin.AutoSignIn;
import dev.desktopidentity.signin.BrowserEnvironment;
import dev.desktopidentity.signin.BrowserLauncher;
import dev.desktopidentity.signin.CustomWebUi;
import dev.desktopidentity.signin.DeviceCodeSignIn;
import dev.desktopidentity.signin.InteractiveMode;
import dev.desktopidentity.signin.InteractiveSignIn;
import dev.desktopidentity.signin.LoopbackSignIn;
import dev.desktopidentity.signin.NoInteractiveSignIn;
import dev.desktopidentity.signin.RedirectPages;
import dev.desktopidentity.signin.SignInNotifier;
import org.jspecify.annotations.Nullable;

/**
 * Checks the {@code identity.interactive.*} properties and builds the interactive sign-in
 * they describe.
 */
final class InteractiveSignInFactory {

	private final IdentityProperties.Interactive properties;

	InteractiveSignInFactory(IdentityProperties.Interactive properties) {
		this.properties = properties;
	}

	/**
	 * Return the interactive sign-in for {@code identity.interactive.mode}: with a custom
	 * web UI, always the one that shows it.
	 */
	InteractiveSignIn signIn(Supplier<PublicClientApplication> application, AuthorizationCodeFlow flow,
			BrowserLauncher browserLauncher, @Nullable CustomWebUi customWebUi, SignInNotifier notifier,
			RememberedAccount rememberedAccount, String applicationName) {
		InteractiveMode mode = mode();
		if (mode == InteractiveMode.NONE) {
			return new NoInteractiveSignIn();
		}
		DeviceCodeSignIn deviceCode = new DeviceCodeSignIn(application, flow, rememberedAccount, notifier,
				Clock.systemUTC(), timeout());
		if (mode == InteractiveMode.DEVICE_CODE) {
			return deviceCode;
		}
		LoopbackSignIn browser = new LoopbackSignIn(flow, redirectUri(), redirectPages(applicationName),
				browserLauncher, customWebUi, notifier, timeout());
		if (mode == InteractiveMode.BROWSER || customWebUi != null) {
			return browser;
		}
		return new AutoSignIn(browser, deviceCode, BrowserEnvironment.current(), notifier);
	}

	/**
	 * Check the {@code identity.interactive.*} properties at start-up, as building the
	 * sign-in for them would, without building it.
	 * @param applicationName the name the sign-in pages show
	 * @throws InvalidIdentityPropertyException if a property is not valid
	 */
	void check(String applicationName) {
		InteractiveMode mode = mode();
		timeout();
		if (!this.properties.getBrowserCommand().isEmpty()) {
			// the system browser has nothing to check
			browserLauncher();
		}
		if (mode == InteractiveMode.BROWSER || mode == InteractiveMode.AUTO) {
			redirectUri();
			redirectPages(applicationName);
		}
	}

	InteractiveMode mode() {
		InteractiveMode mode = this.properties.getMode();
		if (mode == null) {
			throw new InvalidIdentityPropertyException("identity.interactive.mode", null,
					"the sign-in mode must be set", "Set identity.interactive.mode to auto, browser, device-code or none.");
		}
		return mode;
	}

	URI redirectUri() {
		URI redirectUri = this.properties.getRedirectUri();
		if (!LoopbackSignIn.isLoopbackRedirectUri(redirectUri)) {
			throw new InvalidIdentityPropertyException("identity.interactive.redirect-uri", redirectUri,
					"a desktop application receives the sign-in answer on a loopback redirect URI",
					"Set identity.interactive.redirect-uri to http://localhost (a free port for each sign-in) or to "
							+ "the loopback URI registered for your app, such as http://127.0.0.1:8400/callback.");
		}
		return redirectUri;
	}

	Duration timeout() {
		Duration timeout = this.properties.getTimeout();
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new InvalidIdentityPropertyException("identity.interactive.timeout", timeout,
					"the wait for the user to sign in must be positive",
					"Set identity.interactive.timeout to a positive duration such as 5m, or remove it.");
		}
		return timeout;
	}

	BrowserLauncher browserLauncher() {
		List<String> command = this.properties.getBrowserCommand();
		if (command.isEmpty()) {
			return BrowserLauncher.systemBrowser();
		}
		try {
			return BrowserLauncher.command(command);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidIdentityPropertyException("identity.interactive.browser-command", command,
					"the command must start with the program to run",
					"Set identity.interactive.browser-command to the program and its arguments, for example "
							+ "identity.interactive.browser-command=firefox,--new-window,{url}.");
		}
	}

	RedirectPages redirectPages(String applicationName) {
		RedirectPages pages = RedirectPages.defaults(applicationName);
		if (this.properties.getSuccessHtml() != null && this.properties.getSuccessRedirect() != null) {
			throw bothSet("success");
		}
		if (this.properties.getErrorHtml() != null && this.properties.getErrorRedirect() != null) {
			throw bothSet("error");
		}
		if (this.properties.getSuccessHtml() != null) {
			pages = pages.withSuccessHtml(this.properties.getSuccessHtml());
		}
		if (this.properties.getSuccessRedirect() != null) {
			pages = pages.withSuccessRedirect(this.properties.getSuccessRedirect());
		}
		if (this.properties.getErrorHtml() != null) {
			pages = pages.withErrorHtml(this.properties.getErrorHtml());
		}
		if (this.properties.getErrorRedirect() != null) {
			pages = pages.withErrorRedirect(this.properties.getErrorRedirect());
		}
		return pages;
	}

	private static InvalidIdentityPropertyException bothSet(String outcome) {
		return new InvalidIdentityPropertyException("identity.interactive." + outcome + "-redirect", null,
				"the browser can show a page or be redirected after sign-in, not both",
				"Remove identity.interactive." + outcome + "-html or identity.interactive." + outcome + "-redirect.");
	}

}
