package dev.desktopidentity.signin;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * Opens the authorization request in the user's browser for interactive sign-in. The
 * sign-in completes when the identity provider sends the browser back to the
 * application's loopback redirect URI.
 * <p>
 * By default the platform's opener starts the user's default browser (or the command
 * configured with {@code identity.interactive.browser-command}); define a bean to open a
 * specific browser, or to show the URL somewhere else:
 * <pre class="code">
 * &#64;Bean
 * BrowserLauncher firefox() {
 *     return (url) -&gt; new ProcessBuilder("firefox", "--new-window", url.toString()).start();
 * }
 * </pre>
 * The URL is a one-time sign-in request: implementations must not log it or put it in an
 * exception message.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface BrowserLauncher {

	/**
	 * Open the URL in the user's browser.
	 * @param url the authorization request URL
	 * @throws IOException if the browser could not be launched
	 */
	void open(URI url) throws IOException;

	/**
	 * Return whether this launcher starts the platform's default browser through the
	 * platform's opener, which shows a browser only in a graphical session. With
	 * {@code identity.interactive.mode=auto}, such a launcher is used only where
	 * {@link BrowserEnvironment} judges that a browser can open, and a device code is used
	 * elsewhere; any other launcher (a bean of the application, or
	 * {@code identity.interactive.browser-command}) tells how to open a browser here and is
	 * always used. A launcher that wraps the system one, to change the URL say, returns
	 * what the wrapped one does.
	 * @return whether this is the platform's default browser opener; {@code false} by
	 * default
	 */
	default boolean opensSystemBrowser() {
		return false;
	}

	/**
	 * Return the default launcher: the platform's opener ({@code $BROWSER}, {@code xdg-open} and the usual
	 * WSL and desktop openers on Linux, {@code open} on macOS, {@code rundll32} on
	 * Windows), started as a process of its own.
	 * @return the system browser launcher
	 */
	static BrowserLauncher systemBrowser() {
		return SystemBrowserLauncher.forCurrentPlatform();
	}

	/**
	 * Return a launcher that runs the given command: a program and its arguments, started
	 * as a process of its own, never parsed by a shell. Every {@code {url}} in an argument
	 * is replaced by the URL; without any, the URL is added as the last argument. This is
	 * what {@code identity.interactive.browser-command} configures.
	 * <pre class="code">
	 * BrowserLauncher.command(List.of("firefox", "--private-window", "{url}"));
	 * </pre>
	 * @param command the program and its arguments
	 * @return the launcher
	 * @throws IllegalArgumentException if the command is empty or does not start with a
	 * program
	 */
	static BrowserLauncher command(List<String> command) {
		return new CommandBrowserLauncher(command);
	}

}
