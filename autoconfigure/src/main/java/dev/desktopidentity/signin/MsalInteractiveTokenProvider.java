package dev.desktopidentity.signin;

import java.net.MalformedURLException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.MsalInteractionRequiredException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.SilentParameters;
import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractionRequiredException;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.Prompt;
import dev.desktopidentity.SignInCancelledException;
import dev.desktopidentity.TokenAcquisitionException;
import dev.desktopidentity.TokenRequest;
import dev.desktopidentity.cache.RememberedAccount;
import dev.desktopidentity.msal.DeferredPublicClientApplication;
import dev.desktopidentity.msal.MsalResults;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * {@link InteractiveTokenProvider} on MSAL4J: silent acquisition for the remembered
 * account, then one interactive sign-in shared by every thread that asks while it runs.
 *
 * @since 0.1.0
 */
public final class MsalInteractiveTokenProvider implements InteractiveTokenProvider {

	private static final Set<Prompt> INTERACTIVE_PROMPTS = Set.of(Prompt.LOGIN, Prompt.CONSENT, Prompt.CREATE);

	private final Supplier<PublicClientApplication> application;

	private final AuthorizationCodeFlow flow;

	private final InteractiveSignIn signIn;

	private final RememberedAccount rememberedAccount;

	private final SignInNotifier notifier;

	private final @Nullable String username;

	private final Object monitor = new Object();

	private @Nullable InFlight inFlight;

	/**
	 * Create a new instance.
	 * @param application the MSAL4J application whose cache silent acquisition reads
	 * @param flow the flow that resolves the scopes of a request
	 * @param signIn the interactive sign-in, for when silent acquisition cannot succeed
	 * @param rememberedAccount the account that signed in last
	 * @param notifier what the user is told of the outcome of interactive sign-in
	 * @param username the user name of the account to use ({@code identity.account.username}),
	 * or {@code null} for the remembered account
	 */
	public MsalInteractiveTokenProvider(PublicClientApplication application, AuthorizationCodeFlow flow,
			InteractiveSignIn signIn, RememberedAccount rememberedAccount, SignInNotifier notifier,
			@Nullable String username) {
		this(DeferredPublicClientApplication.of(application), flow, signIn, rememberedAccount, notifier, username);
	}

	/**
	 * Create a new instance with an application built on first use.
	 * @param application the MSAL4J application whose cache silent acquisition reads
	 * @param flow the flow that resolves the scopes of a request
	 * @param signIn the interactive sign-in, for when silent acquisition cannot succeed
	 * @param rememberedAccount the account that signed in last
	 * @param notifier what the user is told of the outcome of interactive sign-in
	 * @param username the user name of the account to use ({@code identity.account.username}),
	 * or {@code null} for the remembered account
	 */
	public MsalInteractiveTokenProvider(Supplier<PublicClientApplication> application, AuthorizationCodeFlow flow,
			InteractiveSignIn signIn, RememberedAccount rememberedAccount, SignInNotifier notifier,
			@Nullable String username) {
		Assert.notNull(application, "'application' must not be null");
		Assert.notNull(flow, "'flow' must not be null");
		Assert.notNull(signIn, "'signIn' must not be null");
		Assert.notNull(rememberedAccount, "'rememberedAccount' must not be null");
		Assert.notNull(notifier, "'notifier' must not be null");
		this.application = application;
		this.flow = flow;
		this.signIn = signIn;
		this.rememberedAccount = rememberedAccount;
		this.notifier = notifier;
		this.username = username;
	}

	@Override
	public AccessToken getToken(TokenRequest request) {
		Assert.notNull(request, "'request' must not be null");
		Set<String> scopes = this.flow.scopes(request);
		boolean silentFirst = request.getPrompt() == null || !INTERACTIVE_PROMPTS.contains(request.getPrompt());
		while (true) {
			if (silentFirst || request.isSilentOnly()) {
				AccessToken token = acquireSilently(request, scopes);
				if (token != null) {
					return token;
				}
			}
			if (request.isSilentOnly()) {
				throw new InteractionRequiredException("The user has to sign in to get a token for " + scopes
						+ ", and the request is silent only", "interaction_required", null);
			}
			InFlight flight;
			boolean leader = false;
			synchronized (this.monitor) {
				flight = this.inFlight;
				if (flight == null) {
					flight = new InFlight(request, new CompletableFuture<>());
					this.inFlight = flight;
					leader = true;
				}
			}
			if (leader) {
				return lead(flight);
			}
			AccessToken shared = follow(flight, request);
			if (shared != null) {
				return shared;
			}
		}
	}

	/**
	 * Run the interactive sign-in that other threads wait for.
	 */
	private AccessToken lead(InFlight flight) {
		try {
			AccessToken token = this.signIn.signIn(withDefaultLoginHint(flight.request()));
			this.notifier.signedIn(token.getAccount());
			flight.result().complete(token);
			return token;
		}
		catch (TokenAcquisitionException ex) {
			this.notifier.signInFailed(ex);
			flight.result().completeExceptionally(ex);
			throw ex;
		}
		catch (RuntimeException ex) {
			flight.result().completeExceptionally(ex);
			throw ex;
		}
		finally {
			synchronized (this.monitor) {
				this.inFlight = null;
			}
		}
	}

	/**
	 * Wait for another thread's sign-in; its token when it asked for the same, else
	 * {@code null} to try again (silently first) once it is over.
	 */
	private @Nullable AccessToken follow(InFlight flight, TokenRequest request) {
		try {
			AccessToken token = flight.result().get();
			return flight.request().equals(request) ? token : null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SignInCancelledException("Interrupted while waiting for sign-in to complete", ex);
		}
		catch (ExecutionException ex) {
			if (flight.request().equals(request) && ex.getCause() instanceof TokenAcquisitionException failure) {
				throw failure;
			}
			return null;
		}
	}

	private @Nullable AccessToken acquireSilently(TokenRequest request, Set<String> scopes) {
		IAccount account = account();
		if (account == null) {
			return null;
		}
		SilentParameters.SilentParametersBuilder parameters = SilentParameters.builder(scopes, account)
			.forceRefresh(request.isForceRefresh());
		if (request.getClaims() != null) {
			parameters.claims(MsalResults.claimsRequest(request.getClaims()));
		}
		try {
			AccessToken token = MsalResults
				.accessToken(MsalResults.await(this.application.get().acquireTokenSilently(parameters.build())), scopes);
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
			throw MsalResults.translate("Silent token acquisition", ex);
		}
		catch (MsalException ex) {
			throw MsalResults.translate("Silent token acquisition", ex);
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

	private TokenRequest withDefaultLoginHint(TokenRequest request) {
		if (request.getLoginHint() != null || this.username == null) {
			return request;
		}
		return request.mutate().loginHint(this.username).build();
	}

	private record InFlight(TokenRequest request, CompletableFuture<AccessToken> result) {

	}

}
