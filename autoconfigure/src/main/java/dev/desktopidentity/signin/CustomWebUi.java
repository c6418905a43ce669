package dev.desktopidentity.signin;

import java.net.URI;
import java.util.concurrent.CompletionStage;

/**
 * Shows the sign-in page in a user interface of the application's own, instead of the
 * system browser: an embedded web view, or a browser driven by a test (Selenium,
 * Playwright). It receives the authorization request URL and the redirect URI, and
 * completes with the full URL the identity provider redirected to.
 * <p>
 * The loopback redirect URI keeps listening while a custom web UI is in use, so a real
 * browser that follows the redirect gets the usual page; sign-in completes with whichever
 * answers first.
 * <pre class="code">
 * &#64;Bean
 * CustomWebUi seleniumWebUi(WebDriver driver) {
 *     return (authorizationUri, redirectUri) -&gt; CompletableFuture.supplyAsync(() -&gt; {
 *         driver.get(authorizationUri.toString());
 *         // fill in the sign-in form ...
 *         new WebDriverWait(driver, Duration.ofSeconds(30))
 *             .until((d) -&gt; d.getCurrentUrl().startsWith(redirectUri.toString()));
 *         return URI.create(driver.getCurrentUrl());
 *     });
 * }
 * </pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface CustomWebUi {

	/**
	 * Show the sign-in page and complete with the URL the browser was redirected to.
	 * @param authorizationUri the authorization request URL to open
	 * @param redirectUri the redirect URI: sign-in is over when the browser is sent there
	 * @return the full redirect URL, with its query
	 */
	CompletionStage<URI> authorize(URI authorizationUri, URI redirectUri);

}
