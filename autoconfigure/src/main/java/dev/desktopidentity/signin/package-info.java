/**
 * How the user signs in when the token cache cannot answer: in the system browser
 * through a loopback redirect with PKCE ({@link dev.desktopidentity.signin.LoopbackSignIn}),
 * with a device code ({@link dev.desktopidentity.signin.DeviceCodeSignIn}), the choice
 * between them ({@link dev.desktopidentity.signin.AutoSignIn}) or never
 * ({@link dev.desktopidentity.signin.NoInteractiveSignIn}); the two-step
 * {@link dev.desktopidentity.signin.AuthorizationCodeFlow}, the extension points
 * ({@link dev.desktopidentity.signin.BrowserLauncher}, {@link dev.desktopidentity.signin.CustomWebUi},
 * {@link dev.desktopidentity.signin.SignInNotifier}), and
 * {@link dev.desktopidentity.signin.MsalInteractiveTokenProvider}, which tries the cache first
 * and signs in once however many threads ask. The loopback receiver and the browser
 * launchers are package-private helpers.
 */
@NullMarked
package dev.desktopidentity.signin;

import org.jspecify.annotations.NullMarked;
