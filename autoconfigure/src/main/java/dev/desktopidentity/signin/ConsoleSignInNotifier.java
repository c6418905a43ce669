package dev.desktopidentity.signin;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import dev.desktopidentity.SignedInAccount;
import dev.desktopidentity.TokenAcquisitionException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * {@link SignInNotifier} that writes to a console stream, standard error by default, the
 * way command-line tools talk to their user: what is happening, the URL or code to use,
 * a wait indicator while sign-in waits (only when the stream is an interactive terminal)
 * and who signed in. A failure ends the wait without a word: the
 * {@link TokenAcquisitionException} says what went wrong and what to do, and the
 * application reports it (at start-up, Spring Boot's failure report does), so that the
 * user reads it once. Ctrl-C while sign-in waits prints "Sign-in cancelled.".
 *
 * @since 0.1.0
 */
public class ConsoleSignInNotifier implements SignInNotifier {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	private static final Duration SPIN_INTERVAL = Duration.ofMillis(250);

	private final PrintStream out;

	private final boolean terminal;

	private final Object monitor = new Object();

	private @Nullable Thread indicator;

	private @Nullable Thread cancelledOnExit;

	/**
	 * Create a notifier that writes to standard error, with a wait indicator when the
	 * application runs in an interactive terminal.
	 */
	public ConsoleSignInNotifier() {
		this(System.err, System.console() != null);
	}

	/**
	 * Create a notifier that writes to the given stream.
	 * @param out the stream
	 * @param terminal whether the stream is an interactive terminal, which gets a wait
	 * indicator
	 */
	public ConsoleSignInNotifier(PrintStream out, boolean terminal) {
		Assert.notNull(out, "'out' must not be null");
		this.out = out;
		this.terminal = terminal;
	}

	@Override
	public void openingBrowser(URI authorizationUri) {
		this.out.println("Opening your browser to sign in...");
		this.out.println("If it does not open, visit: " + authorizationUri);
		startWaiting();
	}

	@Override
	public void openBrowserManually(URI authorizationUri, String reason) {
		this.out.println("Could not open a browser (" + reason + ").");
		this.out.println("To sign in, open this URL in a browser on this computer: " + authorizationUri);
		startWaiting();
	}

	@Override
	public void usingDeviceCode(String reason) {
		this.out.println("No browser can be opened here (" + reason + "); sign in from another device.");
	}

	@Override
	public void deviceCode(DeviceCodeChallenge challenge) {
		stopWaiting();
		String until = LocalTime.ofInstant(challenge.expiresAt(), ZoneId.systemDefault()).format(TIME);
		this.out.println("To sign in from any device, open " + challenge.verificationUri() + " and enter the code "
				+ challenge.userCode() + " (valid until " + until + ").");
		startWaiting();
	}

	@Override
	public void waitingForOtherProcess(long processId) {
		stopWaiting();
		this.out.println("Waiting for sign-in in another window" + ((processId > 0) ? " (process " + processId + ")" : "")
				+ "...");
		startWaiting();
	}

	@Override
	public void signedIn(SignedInAccount account) {
		stopWaiting();
		this.out.println("Signed in as " + account.username() + ".");
	}

	@Override
	public void signInFailed(TokenAcquisitionException failure) {
		stopWaiting();
	}

	private void startWaiting() {
		synchronized (this.monitor) {
			if (this.cancelledOnExit == null) {
				// Ctrl-C while waiting: say so on a line of its own rather than end mid-line
				Thread hook = new Thread(this::exitWhileWaiting, "desktop-identity-sign-in-cancelled");
				this.cancelledOnExit = hook;
				addShutdownHook(hook);
			}
			if (!this.terminal || this.indicator != null) {
				return;
			}
			Thread thread = new Thread(this::spin, "desktop-identity-sign-in-indicator");
			thread.setDaemon(true);
			this.indicator = thread;
			thread.start();
		}
	}

	private void exitWhileWaiting() {
		synchronized (this.monitor) {
			this.cancelledOnExit = null;
		}
		stopIndicator();
		this.out.println();
		this.out.println("Sign-in cancelled.");
	}

	private void stopWaiting() {
		Thread hook;
		synchronized (this.monitor) {
			hook = this.cancelledOnExit;
			this.cancelledOnExit = null;
		}
		if (hook != null) {
			removeShutdownHook(hook);
		}
		stopIndicator();
	}

	private static void addShutdownHook(Thread hook) {
		try {
			Runtime.getRuntime().addShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// the JVM is already exiting
		}
	}

	private static void removeShutdownHook(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// the JVM is already exiting
		}
	}

	private void stopIndicator() {
		Thread thread;
		synchronized (this.monitor) {
			thread = this.indicator;
			this.indicator = null;
		}
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(SPIN_INTERVAL.toMillis() * 2);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void spin() {
		String frames = "|/-\\";
		try {
			for (int frame = 0; !Thread.currentThread().isInterrupted(); frame++) {
				this.out.print("\r" + frames.charAt(frame % frames.length()) + " Waiting for you to sign in... ");
				this.out.flush();
				Thread.sleep(SPIN_INTERVAL.toMillis());
			}
		}
		catch (InterruptedException ex) {
			// stopped
		}
		finally {
			this.out.print("\r" + " ".repeat(34) + "\r");
			this.out.flush();
		}
	}

}
