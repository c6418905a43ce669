package dev.desktopidentity.msal;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.microsoft.aad.msal4j.AuthenticationResultMetadata;
import com.microsoft.aad.msal4j.ClaimsRequest;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.ITenantProfile;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractionRequiredException;
import dev.desktopidentity.SignInCancelledException;
import dev.desktopidentity.SignInFailedException;
import dev.desktopidentity.SignedInAccount;
import dev.desktopidentity.TokenAcquisitionException;
import dev.desktopidentity.TokenSource;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Turns MSAL4J's results, accounts and failures into the starter's types. For the
 * starter's own packages; not an API for applications.
 *
 * @since 0.1.0
 */
public final class MsalResults {

	private MsalResults() {
	}

	/**
	 * Return the access token of a result. MSAL4J leaves the scopes of a result that
	 * comes from its cache unset: those are the requested scopes, which the cache entry
	 * was found for.
	 * @param result the result of a silent request
	 * @param requestedScopes the scopes that were asked for
	 * @return the access token, from the cache or the refresh token
	 */
	public static AccessToken accessToken(IAuthenticationResult result, Set<String> requestedScopes) {
		boolean cached = result.metadata() != null
				&& result.metadata().tokenSource() == com.microsoft.aad.msal4j.TokenSource.CACHE;
		return accessToken(result, requestedScopes, cached ? TokenSource.CACHE : TokenSource.REFRESH_TOKEN);
	}

	/**
	 * Return the access token of a result.
	 * @param result the result
	 * @param requestedScopes the scopes that were asked for
	 * @param source where the token came from
	 * @return the access token
	 */
	public static AccessToken accessToken(IAuthenticationResult result, Set<String> requestedScopes, TokenSource source) {
		String granted = result.scopes();
		Set<String> scopes = (granted != null && !granted.isBlank())
				? new LinkedHashSet<>(Arrays.asList(granted.trim().split("\\s+"))) : requestedScopes;
		return new AccessToken(result.accessToken(), result.expiresOnDate().toInstant(), scopes,
				account(result.account()), refreshAt(result), source);
	}

	/**
	 * Return the account that MSAL4J describes. MSAL4J takes the user name from the ID
	 * token's {@code preferred_username}, which OpenID Connect providers other than
	 * Microsoft's may leave out: then it is the {@code email}, else the {@code sub} of the
	 * account's ID token claims.
	 * @param account the MSAL4J account
	 * @return the account
	 */
	public static SignedInAccount account(IAccount account) {
		Assert.notNull(account, "'account' must not be null");
		String environment = account.environment();
		return new SignedInAccount(username(account), account.homeAccountId(),
				(environment != null) ? environment : "");
	}

	private static String username(IAccount account) {
		if (account.username() != null && !account.username().isBlank()) {
			return account.username();
		}
		Map<String, ITenantProfile> profiles = account.getTenantProfiles();
		if (profiles != null) {
			for (String claim : List.of("email", "sub")) {
				for (ITenantProfile profile : profiles.values()) {
					Object value = (profile.getClaims() != null) ? profile.getClaims().get(claim) : null;
					if (value instanceof String text && !text.isBlank()) {
						return text;
					}
				}
			}
		}
		return "";
	}

	/**
	 * Return when MSAL4J suggests renewing the token: the {@code refresh_in} of the
	 * token response, or half the lifetime of a long-lived token.
	 */
	private static @Nullable Instant refreshAt(IAuthenticationResult result) {
		AuthenticationResultMetadata metadata = result.metadata();
		Long refreshOn = (metadata != null) ? metadata.refreshOn() : null;
		return (refreshOn != null && refreshOn > 0) ? Instant.ofEpochSecond(refreshOn) : null;
	}

	public static @Nullable String idTokenClaim(IAuthenticationResult result, String claim) {
		if (result.idToken() == null) {
			return null;
		}
		try {
			Object value = ProviderJson.claims(result.idToken()).get(claim);
			return (value != null) ? value.toString() : null;
		}
		catch (ParseException ex) {
			return null;
		}
	}

	/**
	 * Wait for an MSAL4J operation and return its result, unwrapping its failure.
	 */
	public static <T> T await(CompletableFuture<T> future) throws MsalException, InterruptedException {
		try {
			return future.get();
		}
		catch (ExecutionException | CompletionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof MsalException msal) {
				throw msal;
			}
			if (cause instanceof InterruptedException || cause instanceof CancellationException) {
				// MSAL4J's thread was stopped: the application is shutting down
				throw new SignInCancelledException("Token request was cancelled", cause);
			}
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new TokenAcquisitionException("Token request failed: " + cause, null, cause);
		}
	}

	/**
	 * Wait at most the given time for an MSAL4J operation and return its result,
	 * unwrapping its failure.
	 * @param future the operation
	 * @param timeout how long to wait
	 * @return the result
	 * @throws TimeoutException if the operation did not complete in time; it goes on
	 * unless cancelled
	 */
	public static <T> T await(CompletableFuture<T> future, Duration timeout)
			throws MsalException, InterruptedException, TimeoutException {
		try {
			return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | CompletionException ex) {
			return await(CompletableFuture.failedFuture((ex.getCause() != null) ? ex.getCause() : ex));
		}
	}

	/**
	 * Return the claims request MSAL4J sends for a claims challenge.
	 * @param claims the claims JSON
	 * @return the claims request
	 * @throws TokenAcquisitionException if the claims are not a valid claims request
	 */
	public static ClaimsRequest claimsRequest(String claims) {
		try {
			return ClaimsRequest.formatAsClaimsRequest(claims);
		}
		catch (Exception ex) {
			throw new TokenAcquisitionException("The claims of the token request are not a valid claims request "
					+ "(a JSON object such as {\"access_token\":{\"xms_cc\":{\"values\":[\"cp1\"]}}})",
					"invalid_claims", ex);
		}
	}

	/**
	 * Wait for an MSAL4J cache operation, such as listing accounts, that fails only when
	 * the token cache cannot be read.
	 * @param future the operation
	 * @return its result
	 * @throws TokenAcquisitionException if it failed or was interrupted
	 */
	public static <T> T join(CompletableFuture<T> future) {
		try {
			return await(future);
		}
		catch (MsalException ex) {
			throw ProviderFailures.translate(null, "Reading the token cache", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SignInCancelledException("Interrupted while reading the token cache", ex);
		}
	}

	/**
	 * Translate a failure of an MSAL4J operation into a {@link TokenAcquisitionException}
	 * whose message names the operation and the application's authority, says what went
	 * wrong (for an answer of the identity provider, its error code, description and HTTP
	 * status) and ends with what to do, when something can be done: the property to set,
	 * the Microsoft Entra setting to change for an {@code AADSTS} code, when to retry a
	 * throttled request. Interaction-required answers become
	 * {@link InteractionRequiredException}s; a {@link TokenAcquisitionException} is
	 * returned as it is.
	 * @param application the application whose authority the operation talked to
	 * @param operation what was being done, such as {@code Signing in with a device code}
	 * @param failure what MSAL4J threw
	 * @return the exception to throw
	 */
	public static TokenAcquisitionException translate(PublicClientApplication application, String operation,
			Throwable failure) {
		Assert.notNull(application, "'application' must not be null");
		Assert.notNull(operation, "'operation' must not be null");
		Assert.notNull(failure, "'failure' must not be null");
		return ProviderFailures.translate(authority(application), operation, failure);
	}

	/**
	 * Return the exception for an error that the identity provider sent to the redirect
	 * URI, keeping its code and description and, for an {@code AADSTS} code, adding what
	 * to do.
	 * @param application the application whose authority signed the user in
	 * @param error the {@code error} parameter, such as {@code access_denied}
	 * @param description the {@code error_description} parameter, if any
	 * @param interactionRequired whether the error means that the user has to interact
	 * (after {@code prompt=none})
	 * @return the exception to throw
	 */
	public static TokenAcquisitionException redirectError(PublicClientApplication application, String error,
			@Nullable String description, boolean interactionRequired) {
		Assert.notNull(application, "'application' must not be null");
		Assert.notNull(error, "'error' must not be null");
		String authority = authority(application);
		String problem = "Sign-in" + ((authority != null) ? " at " + authority : "") + " ended with '" + error + "'"
				+ ((description != null) ? ": " + ProviderFailures.oneLine(description) : "");
		EntraErrors.Entry entry = EntraErrors.find(description);
		String action = (entry != null) ? entry.action() : null;
		if (interactionRequired) {
			return new InteractionRequiredException(problem, action, error, null);
		}
		return new SignInFailedException(problem, action, error, description, null);
	}

	/**
	 * Return the authority as people write it: MSAL4J's, without its trailing slash.
	 */
	private static @Nullable String authority(PublicClientApplication application) {
		try {
			String authority = application.authority();
			return (authority != null) ? authority.replaceAll("/+$", "") : null;
		}
		catch (RuntimeException ex) {
			// an application that could not be built has no authority to name
			return null;
		}
	}

}
