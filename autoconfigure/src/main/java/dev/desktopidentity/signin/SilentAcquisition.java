package dev.desktopidentity.signin;

import java.net.MalformedURLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicReference;

import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.MsalInteractionRequiredException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.SilentParameters;
import dev.desktopidentity.AccessToken;
import dev.desktopidentity.SignInCancelledException;
import dev.desktopidentity.TokenAcquisitionException;
import dev.desktopidentity.TokenRequest;
import dev.desktopidentity.cache.RememberedAccount;
import dev.desktopidentity.msal.MsalResults;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A token from MSAL4J's cache or refresh token, for the account to use: the configured
 * one, else the remembered one, else the only one.
 * <p>
 * MSAL4J renews an access token that has five minutes or less to live. When that renewal
 * fails for a reason other than the user having to sign in again (the identity provider
 * answers 5xx, does not answer in time, cannot be reached), the token that has not
 * expired yet is returned, and the failure logged once per token; only a token that has
 * expired lets the failure through.
 */
final class SilentAcquisition {

	private static final Log logger = LogFactory.getLog(MsalInteractiveTokenProvider.class);

	private final Supplier<PublicClientApplication> application;

	private final RememberedAccount rememberedAccount;

	private final @Nullable String username;

	private final CachedAccessTokens cachedTokens;

	private final Clock clock;

	private final AtomicReference<@Nullable String> lastWarned = new AtomicReference<>();

	SilentAcquisition(Supplier<PublicClientApplication> application, RememberedAccount rememberedAccount,
			@Nullable String username, Clock clock) {
		this.application = application;
		this.rememberedAccount = rememberedAccount;
		this.username = username;
		this.cachedTokens = new CachedAccessTokens(application);
		this.clock = clock;
	}

	/**
	 * Return a token without the user, or {@code null} if the user has to sign in.
	 * @param request the request, without claims (MSAL4J 1.26's silent acquisition does
	 * not send them)
	 * @param scopes the scopes of the request
	 * @return the token, or {@code null}
	 * @throws TokenAcquisitionException if the identity provider failed and no valid token
	 * is cached
	 */
	@Nullable AccessToken acquire(TokenRequest request, Set<String> scopes) {
		IAccount account = account();
		if (account == null) {
			return null;
		}
		SilentParameters parameters = SilentParameters.builder(scopes, account)
			.forceRefresh(request.isForceRefresh())
			.build();
		try {
			AccessToken token = MsalResults
				.accessToken(MsalResults.await(this.application.get().acquireTokenSilently(parameters)), scopes);
			this.rememberedAccount.remember(token.getAccount());
			return token;
		}
		catch (MsalInteractionRequiredException ex) {
			return null;
		}
		catch (MsalClientException ex) {
			if ("cache_miss".equals(ex.errorCode())) {
				return null;
			}
			return stillValid(request, account, scopes, MsalResults.translate(this.application.get(), "Getting a token silently", ex));
		}
		catch (MsalException ex) {
			return stillValid(request, account, scopes, MsalResults.translate(this.application.get(), "Getting a token silently", ex));
		}
		catch (SignInCancelledException ex) {
			throw ex;
		}
		catch (TokenAcquisitionException ex) {
			return stillValid(request, account, scopes, ex);
		}
		catch (MalformedURLException ex) {
			throw new TokenAcquisitionException("The authority URL is not valid: " + ex.getMessage(),
					"invalid_authority", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SignInCancelledException("Interrupted while acquiring a token", ex);
		}
	}

	/**
	 * Return the cached token that has not expired yet when renewing it failed, else
	 * throw the failure. A forced refresh replaces a token that an API rejected, so the
	 * cached one is no answer to it.
	 */
	private AccessToken stillValid(TokenRequest request, IAccount account, Set<String> scopes,
			TokenAcquisitionException failure) {
		if (request.isForceRefresh()) {
			throw failure;
		}
		Instant now = this.clock.instant();
		AccessToken cached = this.cachedTokens.find(account, scopes, now);
		if (cached == null) {
			throw failure;
		}
		String token = cached.getExpiresAt() + " " + cached.getTokenValue().hashCode();
		String message = "Renewing the access token for " + scopes + " failed; using the cached one, which is valid "
				+ "until " + cached.getExpiresAt() + ", and trying again on the next request: " + failure.getMessage();
		if (!token.equals(this.lastWarned.getAndSet(token))) {
			logger.warn(message);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
		return cached;
	}

	private @Nullable IAccount account() {
		Set<IAccount> accounts = MsalResults.join(this.application.get().getAccounts());
		if (this.username != null) {
			return accounts.stream()
				.filter((account) -> this.username.equalsIgnoreCase(account.username()))
				.findFirst()
				.orElse(null);
		}
		String remembered = this.rememberedAccount.homeAccountId();
		if (remembered != null) {
			for (IAccount account : accounts) {
				if (remembered.equals(account.homeAccountId())) {
					return account;
				}
			}
		}
		return (accounts.size() == 1) ? accounts.iterator().next() : null;
	}

}
