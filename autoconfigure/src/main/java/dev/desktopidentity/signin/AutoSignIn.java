package dev.desktopidentity.signin;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.TokenRequest;

import org.springframework.util.Assert;

/**
 * {@link InteractiveSignIn} for {@link InteractiveMode#AUTO}: the browser where one can be
 * opened (with a device code offered alongside if it fails to launch), else a device
 * code, telling the user why. A browser can be opened where {@link BrowserEnvironment}
 * says so, and wherever the application configured how to open one: a
 * {@link BrowserLauncher} of its own or {@code identity.interactive.browser-command}
 * (see {@link BrowserLauncher#opensSystemBrowser()}).
 *
 * @since 0.1.0
 */
public final class AutoSignIn implements InteractiveSignIn {

	private final InteractiveSignIn signIn;

	private final boolean browser;

	private final BrowserEnvironment environment;

	private final SignInNotifier notifier;

	/**
	 * Create a new instance.
	 * @param browser the browser sign-in
	 * @param deviceCode the device code sign-in
	 * @param environment whether a browser can be opened here
	 * @param notifier what the user is told
	 */
	public AutoSignIn(LoopbackSignIn browser, DeviceCodeSignIn deviceCode, BrowserEnvironment environment,
			SignInNotifier notifier) {
		Assert.notNull(browser, "'browser' must not be null");
		Assert.notNull(deviceCode, "'deviceCode' must not be null");
		Assert.notNull(environment, "'environment' must not be null");
		Assert.notNull(notifier, "'notifier' must not be null");
		this.browser = environment.canOpen() || !browser.opensSystemBrowser();
		this.signIn = this.browser ? browser.withFallbackWhenNoBrowser(deviceCode) : deviceCode;
		this.environment = environment;
		this.notifier = notifier;
	}

	@Override
	public AccessToken signIn(TokenRequest request) {
		if (!this.browser) {
			this.notifier.usingDeviceCode(String.valueOf(this.environment.reason()));
		}
		return this.signIn.signIn(request);
	}

}
