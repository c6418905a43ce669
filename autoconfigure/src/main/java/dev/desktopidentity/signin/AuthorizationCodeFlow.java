package dev.desktopidentity.signin;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.microsoft.aad.msal4j.AuthorizationCodeParameters;
import com.microsoft.aad.msal4j.AuthorizationRequestUrlParameters;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractionRequiredException;
import dev.desktopidentity.Prompt;
import dev.desktopidentity.SignInCancelledException;
import dev.desktopidentity.SignInFailedException;
import dev.desktopidentity.TokenAcquisitionException;
import dev.desktopidentity.TokenRequest;
import dev.desktopidentity.TokenSource;
import dev.desktopidentity.cache.RememberedAccount;
import dev.desktopidentity.msal.DeferredPublicClientApplication;
import dev.desktopidentity.msal.MsalResults;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

/**
 * The authorization code flow with PKCE in two steps, for applications that show the
 * sign-in page themselves (an embedded web view, a browser driven by a test):
 * {@link #begin(TokenRequest, URI) begin} builds the authorization request URL, and
 * {@link #complete(PendingAuthorization, URI) complete} redeems the URL the browser was
 * redirected to. The PKCE verifier, {@code state} and {@code nonce} come from
 * {@link SecureRandom} and are checked on return; the tokens go into MSAL4J's cache, so
 * later silent requests find them.
 * <pre class="code">
 * PendingAuthorization pending = flow.begin(TokenRequest.forScopes("User.Read"),
 *         URI.create("http://localhost:8400/callback"));
 * webView.load(pending.getAuthorizationUri());
 * URI redirectedTo = webView.awaitNavigation(pending.getRedirectUri());
 * AccessToken token = flow.complete(pending, redirectedTo);
 * </pre>
 *
 * @since 0.1.0
 */
public final class AuthorizationCodeFlow {

	private static final Set<String> INTERACTION_REQUIRED = Set.of("login_required", "interaction_required",
			"consent_required", "account_selection_required");

	private final Supplier<PublicClientApplication> application;

	private final List<String> defaultScopes;

	private final RememberedAccount rememberedAccount;

	// made on first sign-in: seeding it is start-up work a run that finds its token in the cache does not need
	private final SingletonSupplier<SecureRandom> random = SingletonSupplier.of(SecureRandom::new);

	private final Clock clock;

	/**
	 * Create a new instance.
	 * @param application the MSAL4J application that builds requests and redeems codes
	 * @param defaultScopes the scopes of a request that names none
	 * @param rememberedAccount where to remember the account that signed in
	 * @param clock the clock
	 */
	public AuthorizationCodeFlow(PublicClientApplication application, List<String> defaultScopes,
			RememberedAccount rememberedAccount, Clock clock) {
		this(DeferredPublicClientApplication.of(application), defaultScopes, rememberedAccount, clock);
	}

	/**
	 * Create a new instance with an application built on first use.
	 * @param application the MSAL4J application that builds requests and redeems codes
	 * @param defaultScopes the scopes of a request that names none
	 * @param rememberedAccount where to remember the account that signed in
	 * @param clock the clock
	 */
	public AuthorizationCodeFlow(Supplier<PublicClientApplication> application, List<String> defaultScopes,
			RememberedAccount rememberedAccount, Clock clock) {
		Assert.notNull(application, "'application' must not be null");
		Assert.notNull(defaultScopes, "'defaultScopes' must not be null");
		Assert.notNull(rememberedAccount, "'rememberedAccount' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.application = application;
		this.defaultScopes = List.copyOf(defaultScopes);
		this.rememberedAccount = rememberedAccount;
		this.clock = clock;
	}

	/**
	 * Build the authorization request for the given request and redirect URI.
	 * @param request the token request
	 * @param redirectUri the redirect URI registered for the application
	 * @return the pending authorization, with the URL to open
	 */
	public PendingAuthorization begin(TokenRequest request, URI redirectUri) {
		return begin(request, redirectUri, randomValue());
	}

	PendingAuthorization begin(TokenRequest request, URI redirectUri, String state) {
		Assert.notNull(request, "'request' must not be null");
		Assert.notNull(redirectUri, "'redirectUri' must not be null");
		Set<String> scopes = scopes(request);
		String verifier = randomValue();
		String nonce = randomValue();
		AuthorizationRequestUrlParameters.Builder parameters = AuthorizationRequestUrlParameters
			.builder(redirectUri.toString(), scopes)
			.codeChallenge(challenge(verifier))
			.codeChallengeMethod("S256")
			.state(state)
			.nonce(nonce);
		Map<String, String> extra = new LinkedHashMap<>(request.getExtraQueryParameters());
		Prompt prompt = (request.getPrompt() != null) ? request.getPrompt() : Prompt.SELECT_ACCOUNT;
		if (prompt == Prompt.CREATE) {
			// MSAL4J's Prompt has no CREATE: the parameter is sent as is.
			extra.put("prompt", prompt.parameterValue());
		}
		else {
			parameters.prompt(com.microsoft.aad.msal4j.Prompt.valueOf(prompt.name()));
		}
		if (!extra.isEmpty()) {
			parameters.extraQueryParameters(extra);
		}
		if (request.getLoginHint() != null) {
			parameters.loginHint(request.getLoginHint());
		}
		if (request.getDomainHint() != null) {
			parameters.domainHint(request.getDomainHint());
		}
		if (request.getClaims() != null) {
			parameters.claimsChallenge(request.getClaims());
		}
		if (!request.getExtraScopesToConsent().isEmpty()) {
			parameters.extraScopesToConsent(request.getExtraScopesToConsent());
		}
		URI authorizationUri = inQueryResponseMode(
				toUri(this.application.get().getAuthorizationRequestUrl(parameters.build())));
		return new PendingAuthorization(authorizationUri, redirectUri, scopes, state, nonce, verifier,
				this.clock.instant());
	}

	/**
	 * Redeem the URL the browser was redirected to. Checks that it answers the pending
	 * authorization ({@code state}, redirect URI, not used before) and that the ID token's
	 * {@code nonce} is the one sent.
	 * @param pending the pending authorization from {@link #begin(TokenRequest, URI)}
	 * @param redirectedTo the full URL the browser was redirected to, with its query
	 * @return the access token for the pending authorization's scopes
	 * @throws SignInFailedException if the identity provider answered with an error or the
	 * URL does not answer this authorization
	 * @throws InteractionRequiredException if the identity provider needs the user (after
	 * {@link Prompt#NONE})
	 * @throws TokenAcquisitionException if the code could not be redeemed
	 */
	public AccessToken complete(PendingAuthorization pending, URI redirectedTo) {
		Assert.notNull(pending, "'pending' must not be null");
		Assert.notNull(redirectedTo, "'redirectedTo' must not be null");
		RedirectParameters parameters = parseQuery(redirectedTo);
		checkAnswers(pending, redirectedTo, parameters.get("state"));
		String error = parameters.get("error");
		if (error != null) {
			throw MsalResults.redirectError(this.application.get(), error, parameters.get("error_description"),
					INTERACTION_REQUIRED.contains(error));
		}
		String code = parameters.get("code");
		if (code == null || code.isBlank()) {
			throw new SignInFailedException("The redirect carries neither a code nor an error", "invalid_response",
					null, null);
		}
		return redeem(pending, code);
	}

	private void checkAnswers(PendingAuthorization pending, URI redirectedTo, @Nullable String state) {
		URI expected = pending.getRedirectUri();
		boolean sameEndpoint = expected.getScheme().equalsIgnoreCase(redirectedTo.getScheme())
				&& expected.getHost().equalsIgnoreCase(redirectedTo.getHost())
				&& expected.getPort() == redirectedTo.getPort()
				&& path(expected).equals(path(redirectedTo));
		if (!sameEndpoint) {
			throw new SignInFailedException("The redirect is not addressed to the redirect URI " + expected
					+ " of the sign-in in progress", "redirect_uri_mismatch", null, null);
		}
		if (state == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
				pending.getState().getBytes(StandardCharsets.UTF_8))) {
			throw new SignInFailedException("The redirect does not belong to the sign-in in progress (its state "
					+ "differs); start sign-in again", "state_mismatch", null, null);
		}
		if (!pending.markCompleted()) {
			throw new SignInFailedException("This sign-in has already been completed; a redirect is redeemed only "
					+ "once", "already_completed", null, null);
		}
	}

	private AccessToken redeem(PendingAuthorization pending, String code) {
		AuthorizationCodeParameters parameters = AuthorizationCodeParameters
			.builder(code, pending.getRedirectUri())
			.codeVerifier(pending.codeVerifier())
			.scopes(pending.getScopes())
			.build();
		IAuthenticationResult result;
		try {
			result = MsalResults.await(this.application.get().acquireToken(parameters));
		}
		catch (MsalException ex) {
			throw MsalResults.translate(this.application.get(), "Redeeming the authorization code", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SignInCancelledException("Interrupted while redeeming the authorization code", ex);
		}
		String nonce = MsalResults.idTokenClaim(result, "nonce");
		if (nonce == null || !MessageDigest.isEqual(nonce.getBytes(StandardCharsets.UTF_8),
				pending.nonce().getBytes(StandardCharsets.UTF_8))) {
			this.application.get().removeAccount(result.account()).join();
			throw new SignInFailedException("The ID token's nonce does not match the sign-in request; the tokens "
					+ "were discarded", "nonce_mismatch", null, null);
		}
		AccessToken token = MsalResults.accessToken(result, pending.getScopes(), TokenSource.BROWSER);
		this.rememberedAccount.remember(token.getAccount());
		return token;
	}

	Set<String> scopes(TokenRequest request) {
		Set<String> scopes = request.getScopes().isEmpty() ? Set.copyOf(this.defaultScopes) : request.getScopes();
		if (scopes.isEmpty()) {
			throw new TokenAcquisitionException("No scopes to request: name them in the TokenRequest or set "
					+ "identity.scopes", "no_scopes", null);
		}
		return scopes;
	}

	String newState() {
		return randomValue();
	}

	private String randomValue() {
		byte[] bytes = new byte[32];
		this.random.obtain().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String challenge(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private static RedirectParameters parseQuery(URI redirectedTo) {
		try {
			return RedirectParameters.parse(redirectedTo.getRawQuery());
		}
		catch (RuntimeException ex) {
			throw new SignInFailedException(ex.getMessage(), "invalid_response", null, null);
		}
	}

	private static String path(URI uri) {
		String path = uri.getRawPath();
		return (path == null || path.isEmpty()) ? "/" : path;
	}

	/**
	 * complete() reads the response from the redirect URL's query (RFC 8252), but
	 * MSAL4J 1.26 always asks for {@code response_mode=form_post}, which sends it in a
	 * POST body that a web view's or test browser's address bar never shows.
	 */
	private static URI inQueryResponseMode(URI authorizationUri) {
		String query = Arrays.stream(authorizationUri.getRawQuery().split("&"))
			.map((parameter) -> parameter.startsWith("response_mode=") ? "response_mode=query" : parameter)
			.collect(Collectors.joining("&"));
		String uri = authorizationUri.toString();
		return URI.create(uri.substring(0, uri.indexOf('?') + 1) + query);
	}

	private static URI toUri(java.net.URL url) {
		try {
			return url.toURI();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException("MSAL4J built an authorization URL that is not a valid URI", ex);
		}
	}

}
