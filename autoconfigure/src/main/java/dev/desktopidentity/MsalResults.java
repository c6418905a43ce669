package dev.desktopidentity;

import java.text.ParseException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

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
	 * @param result the result
	 * @param requestedScopes the scopes that were asked for
	 * @return the access token
	 */
	static AccessToken accessToken(IAuthenticationResult result, Set<String> requestedScopes) {
		String granted = result.scopes();
		Set<String> scopes = (granted != null && !granted.isBlank())
				? new LinkedHashSet<>(Arrays.asList(granted.trim().split("\\s+"))) : requestedScopes;
		return new AccessToken(result.accessToken(), result.expiresOnDate().toInstant(), scopes,
				SignedInAccount.of(result.account()), refreshAt(result));
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
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new TokenAcquisitionException("Token request failed: " + cause, null, cause);
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
