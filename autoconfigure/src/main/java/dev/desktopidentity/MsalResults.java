package dev.desktopidentity;

import java.text.ParseException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import com.microsoft.aad.msal4j.ClaimsRequest;
import com.microsoft.aad.msal4j.AuthenticationResultMetadata;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.MsalInteractionRequiredException;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.nimbusds.jwt.JWTParser;
import org.jspecify.annotations.Nullable;

/**
 * Turns MSAL4J's results and failures into this library's types.
 */
final class MsalResults {

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
	static AccessToken accessToken(IAuthenticationResult result, Set<String> requestedScopes) {
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
	static AccessToken accessToken(IAuthenticationResult result, Set<String> requestedScopes, TokenSource source) {
		String granted = result.scopes();
		Set<String> scopes = (granted != null && !granted.isBlank())
				? new LinkedHashSet<>(Arrays.asList(granted.trim().split("\\s+"))) : requestedScopes;
		return new AccessToken(result.accessToken(), result.expiresOnDate().toInstant(), scopes,
				SignedInAccount.of(result.account()), refreshAt(result), source);
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

	static @Nullable String idTokenClaim(IAuthenticationResult result, String claim) {
		if (result.idToken() == null) {
			return null;
		}
		try {
			Object value = JWTParser.parse(result.idToken()).getJWTClaimsSet().getClaim(claim);
			return (value != null) ? value.toString() : null;
		}
		catch (ParseException ex) {
			return null;
		}
	}

	/**
	 * Wait for an MSAL4J operation and return its result, unwrapping its failure.
	 */
	static <T> T await(CompletableFuture<T> future) throws MsalException, InterruptedException {
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
	 * Return the claims request MSAL4J sends for a claims challenge.
	 * @param claims the claims JSON
	 * @return the claims request
	 * @throws TokenAcquisitionException if the claims are not a valid claims request
	 */
	static ClaimsRequest claimsRequest(String claims) {
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
	static <T> T join(CompletableFuture<T> future) {
		try {
			return await(future);
		}
		catch (MsalException ex) {
			throw translate("Reading the token cache", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SignInCancelledException("Interrupted while reading the token cache", ex);
		}
	}

	static TokenAcquisitionException translate(String action, MsalException ex) {
		String message = action + " failed: " + ex.getMessage();
		if (ex instanceof MsalInteractionRequiredException) {
			return new InteractionRequiredException(message, ex.errorCode(), ex);
		}
		if (ex instanceof MsalServiceException service) {
			return new TokenAcquisitionException(message + " (HTTP " + service.statusCode() + ")", ex.errorCode(), ex);
		}
		return new TokenAcquisitionException(message, ex.errorCode(), ex);
	}

}
