package dev.desktopidentity.samples.demo;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import dev.desktopidentity.signin.BrowserLauncher;
import dev.desktopidentity.test.LocalIdentityProvider;

/**
 * The local identity provider's certificate is self-signed, so a desktop browser would
 * warn about its HTTPS sign-in page. In the demo, the browser is sent to the same pages on
 * the provider's plain-HTTP loopback front channel instead; token requests still go over
 * HTTPS.
 */
public final class DemoFrontChannel {

	/**
	 * What the demo user types on the sign-in page.
	 */
	public static final String CREDENTIALS = "Demo: sign in as " + DemoMode.USERNAME + " with password "
			+ DemoMode.PASSWORD + ".";

	private DemoFrontChannel() {
	}

	/**
	 * Return the launcher the application is configured with, the command of
	 * {@code identity.interactive.browser-command} or else the system browser, sending the
	 * browser to the front channel. It opens the system browser where, and only where,
	 * the starter would.
	 * @param provider the demo's identity provider
	 * @param browserCommand the configured command, possibly empty
	 * @return the launcher
	 */
	public static BrowserLauncher browserLauncher(LocalIdentityProvider provider, List<String> browserCommand) {
		BrowserLauncher configured = browserCommand.isEmpty() ? BrowserLauncher.systemBrowser()
				: BrowserLauncher.command(browserCommand);
		return new BrowserLauncher() {

			@Override
			public void open(URI url) throws IOException {
				configured.open(address(provider, url));
			}

			@Override
			public boolean opensSystemBrowser() {
				return configured.opensSystemBrowser();
			}

		};
	}

	/**
	 * Return the front channel's address of a sign-in page.
	 * @param provider the demo's identity provider
	 * @param url the page's HTTPS address
	 * @return the plain-HTTP address, or the given one if it is not the provider's
	 */
	public static URI address(LocalIdentityProvider provider, URI url) {
		URI front = provider.frontChannelUri().orElseThrow();
		String secureBase = provider.baseUri().toString().replaceAll("/+$", "");
		String target = url.toString();
		return target.startsWith(secureBase)
				? URI.create(front.toString().replaceAll("/+$", "") + target.substring(secureBase.length())) : url;
	}

}
