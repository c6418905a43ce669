package dev.desktopidentity.samples.desktop;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import dev.desktopidentity.SignInCancelledException;
import dev.desktopidentity.SignedInAccount;
import dev.desktopidentity.TokenAcquisitionException;
import dev.desktopidentity.signin.DeviceCodeChallenge;
import dev.desktopidentity.signin.SignInNotifier;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Tells the user in the sample's window what sign-in needs from them: the page the
 * browser opens on, or the device code and the page to enter it on.
 *
 * @since 0.1.0
 */
public class WindowSignInNotifier implements SignInNotifier {

	private final SampleView view;

	private volatile @Nullable String deviceCodeReason;

	/**
	 * Create a new instance.
	 * @param view the window's view
	 */
	public WindowSignInNotifier(SampleView view) {
		Assert.notNull(view, "'view' must not be null");
		this.view = view;
	}

	@Override
	public void openingBrowser(URI authorizationUri) {
		this.view.showMessage("Opening your browser to sign in…\n\nIf it does not open, open this page:\n"
				+ authorizationUri);
	}

	@Override
	public void openBrowserManually(URI authorizationUri, String reason) {
		this.view.showMessage("Could not open a browser (" + reason + ").\n\nTo sign in, open this page:\n"
				+ authorizationUri);
	}

	@Override
	public void usingDeviceCode(String reason) {
		this.deviceCodeReason = reason;
	}

	@Override
	public void deviceCode(DeviceCodeChallenge challenge) {
		long minutes = Math.max(1, (Duration.between(Instant.now(), challenge.expiresAt()).toSeconds() + 59) / 60);
		String reason = this.deviceCodeReason;
		this.deviceCodeReason = null;
		this.view.showMessage(((reason != null) ? "No browser can be opened here (" + reason + ").\n\n" : "")
				+ "To sign in, open " + challenge.verificationUri() + " on any device and enter the code "
				+ challenge.userCode() + "\n\nThe code works for " + minutes + " minutes.");
	}

	@Override
	public void waitingForOtherProcess(long processId) {
		this.view.showMessage("Waiting for sign-in in another window" + ((processId > 0) ? " (process " + processId
				+ ")" : "") + "…\n\nFinish signing in there; this window goes on when it is done.");
	}

	@Override
	public void signedIn(SignedInAccount account) {
		this.view.showAccount(account.username());
		this.view.showMessage("Signed in.");
	}

	@Override
	public void signInFailed(TokenAcquisitionException failure) {
		this.view.showMessage((failure instanceof SignInCancelledException) ? "Sign-in was cancelled."
				: "Sign-in failed: " + failure.getMessage());
	}

}
