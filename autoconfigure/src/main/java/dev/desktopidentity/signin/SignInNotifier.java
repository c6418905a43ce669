package dev.desktopidentity.signin;

import java.net.URI;

import dev.desktopidentity.SignInCancelledException;
import dev.desktopidentity.SignedInAccount;
import dev.desktopidentity.TokenAcquisitionException;

/**
 * What the user is told during interactive sign-in. The default writes to the console's
 * standard error, as command-line tools do, with a wait indicator on a terminal; a
 * desktop application can show a dialog instead by defining a bean.
 * <p>
 * The URLs given here are one-time sign-in requests; they contain no token, code or PKCE
 * verifier, but implementations should show them to the user only, not log them.
 *
 * @since 0.1.0
 */
public interface SignInNotifier {

	/**
	 * The system browser is being opened on the sign-in page.
	 * @param authorizationUri the URL being opened, for the user to open by hand if the
	 * browser does not appear
	 */
	void openingBrowser(URI authorizationUri);

	/**
	 * No browser could be opened; sign-in waits for the user to open the URL.
	 * @param authorizationUri the URL to open
	 * @param reason why no browser could be opened
	 */
	void openBrowserManually(URI authorizationUri, String reason);

	/**
	 * Sign-in waits for the user to enter a code on a verification page, on any device.
	 * @param challenge the code, the page and how long the code works
	 */
	void deviceCode(DeviceCodeChallenge challenge);

	/**
	 * Sign-in uses a device code because no browser can be opened here; called before
	 * {@link #deviceCode(DeviceCodeChallenge)}.
	 * @param reason why no browser can be opened
	 */
	default void usingDeviceCode(String reason) {
	}

	/**
	 * Another process of this application (a second window, the same command started
	 * twice) is signing the user in; this one waits for it, then uses the tokens it
	 * brings, from the shared token cache. Followed by {@link #signedIn(SignedInAccount)}
	 * or {@link #signInFailed(TokenAcquisitionException)}; called again if another
	 * process takes over.
	 * @param processId the process ID of the process that signs in, or {@code -1} if it
	 * is not known
	 * @since 0.1.0
	 */
	default void waitingForOtherProcess(long processId) {
	}

	/**
	 * Sign-in has completed.
	 * @param account the account that signed in
	 */
	void signedIn(SignedInAccount account);

	/**
	 * Sign-in has failed, or was cancelled ({@link SignInCancelledException}).
	 * @param failure what went wrong
	 */
	default void signInFailed(TokenAcquisitionException failure) {
	}

}
