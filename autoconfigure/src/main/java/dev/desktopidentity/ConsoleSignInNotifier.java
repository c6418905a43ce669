package dev.desktopidentity;

import java.io.PrintStream;
import java.net.URI;

import org.springframework.util.Assert;

/**
 * {@link SignInNotifier} that writes to a console stream, standard error by default.
 *
 * @since 0.1.0
 */
public class ConsoleSignInNotifier implements SignInNotifier {

	private final PrintStream out;

	/**
	 * Create a notifier that writes to standard error.
	 */
	public ConsoleSignInNotifier() {
		this(System.err);
	}

	/**
	 * Create a notifier that writes to the given stream.
	 * @param out the stream
	 */
	public ConsoleSignInNotifier(PrintStream out) {
		Assert.notNull(out, "'out' must not be null");
		this.out = out;
	}

	@Override
	public void openingBrowser(URI authorizationUri) {
		this.out.println("Opening your browser to sign in...");
		this.out.println("If it does not open, visit: " + authorizationUri);
	}

	@Override
	public void openBrowserManually(URI authorizationUri, String reason) {
		this.out.println("Could not open a browser (" + reason + ").");
		this.out.println("To sign in, open this URL in a browser on this computer: " + authorizationUri);
		this.out.println("Waiting for you to sign in...");
	}

	@Override
	public void signedIn(SignedInAccount account) {
		this.out.println("Signed in as " + account.username() + ".");
	}

}
