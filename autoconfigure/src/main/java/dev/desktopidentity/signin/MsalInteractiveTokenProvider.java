package dev.desktopidentity.signin;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import com.microsoft.aad.msal4j.PublicClientApplication;
import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractionRequiredException;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.Prompt;
import dev.desktopidentity.TokenRequest;
import dev.desktopidentity.cache.PersistentTokenCache;
import dev.desktopidentity.cache.RememberedAccount;
import dev.desktopidentity.cache.SignInLock;
import dev.desktopidentity.cache.TokenCacheChanges;
import dev.desktopidentity.msal.DeferredPublicClientApplication;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * {@link InteractiveTokenProvider} on MSAL4J: silent acquisition for the remembered
 * account, then one interactive sign-in shared by every thread that asks while it runs,
 * and, with a {@link #setSignInLock sign-in lock}, by every process that shares the token
 * cache.
 * <ul>
 * <li>With {@link #setTokenCacheChanges token cache changes} tracked, a token that MSAL4J
 * would hand out from its cache is handed out again from memory, without reading the
 * cache: same scopes, same account, more than five minutes before expiry, and not for a
 * forced refresh or a claims challenge.</li>
 * <li>With the {@link #setTokenCacheFile token cache file} given, a token that MSAL4J
 * would hand out from its cache is read from the file without building MSAL4J's
 * application, until something else needs it: a run that only needs a cached token never
 * loads MSAL4J.</li>
 * <li>A claims challenge ({@link TokenRequest#getClaims()}) goes to interactive sign-in
 * with the claims: MSAL4J 1.26's silent acquisition does not send them, and would return
 * a token without the claim.</li>
 * <li>When MSAL4J's early renewal of a token that has not expired yet fails (the identity
 * provider is down, slow or unreachable), that token is returned, with one warning; the
 * failure is thrown only once the token has expired.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class MsalInteractiveTokenProvider implements InteractiveTokenProvider {

	private static final Set<Prompt> INTERACTIVE_PROMPTS = Set.of(Prompt.LOGIN, Prompt.CONSENT, Prompt.CREATE);

	private final Supplier<PublicClientApplication> application;

	private final AuthorizationCodeFlow flow;

	private final RememberedAccount rememberedAccount;

	private final @Nullable String username;

	private final SilentAcquisition silent;

	private final SharedSignIn signIns;

	private volatile @Nullable Set<String> defaultScopes;

	private volatile @Nullable RecentTokens recent;

	private volatile @Nullable CacheFileTokens cacheFile;

	private volatile InteractiveTokenProvider acquisitions = this::acquire;

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
		this(application, flow, present(signIn, "signIn"), rememberedAccount, present(notifier, "notifier"),
				username);
	}

	/**
	 * Create a new instance with an application built on first use, and an interactive
	 * sign-in and a notifier looked up when a sign-in first needs them: a run that finds
	 * its token in the cache never creates them.
	 * @param application the MSAL4J application whose cache silent acquisition reads
	 * @param flow the flow that resolves the scopes of a request
	 * @param signIn returns the interactive sign-in, for when silent acquisition cannot
	 * succeed
	 * @param rememberedAccount the account that signed in last
	 * @param notifier returns what the user is told of the outcome of interactive sign-in
	 * @param username the user name of the account to use ({@code identity.account.username}),
	 * or {@code null} for the remembered account
	 */
	public MsalInteractiveTokenProvider(Supplier<PublicClientApplication> application, AuthorizationCodeFlow flow,
			Supplier<InteractiveSignIn> signIn, RememberedAccount rememberedAccount, Supplier<SignInNotifier> notifier,
			@Nullable String username) {
		Assert.notNull(application, "'application' must not be null");
		Assert.notNull(flow, "'flow' must not be null");
		Assert.notNull(signIn, "'signIn' must not be null");
		Assert.notNull(rememberedAccount, "'rememberedAccount' must not be null");
		Assert.notNull(notifier, "'notifier' must not be null");
		this.application = application;
		this.flow = flow;
		this.rememberedAccount = rememberedAccount;
		this.username = username;
		this.silent = new SilentAcquisition(application, rememberedAccount, username, Clock.systemUTC());
		this.signIns = new SharedSignIn(signIn, notifier, username);
	}

	private static <T> Supplier<T> present(T value, String name) {
		Assert.notNull(value, "'" + name + "' must not be null");
		return () -> value;
	}

	/**
	 * Share interactive sign-in with the other processes that use the same token cache:
	 * while one signs in, the others wait, at most the given time, and then use its
	 * tokens. Call before the first token request.
	 * @param lock the lock beside the token cache
	 * @param timeout how long a process waits for another one's sign-in
	 * ({@code identity.interactive.timeout})
	 */
	public void setSignInLock(SignInLock lock, Duration timeout) {
		Assert.notNull(lock, "'lock' must not be null");
		Assert.isTrue(timeout != null && timeout.compareTo(Duration.ZERO) > 0, "'timeout' must be positive");
		this.signIns.lockAcrossProcesses(lock, timeout);
	}

	/**
	 * Hand out tokens that MSAL4J would hand out from its cache again from memory, as
	 * long as the given changes (those this process makes to the application's token
	 * cache) do not move. Call before the first token request, with the
	 * {@link TokenCacheChanges} whose aspect the application's token cache uses.
	 * @param changes the changes to the application's token cache
	 */
	public void setTokenCacheChanges(TokenCacheChanges changes) {
		Assert.notNull(changes, "'changes' must not be null");
		this.recent = new RecentTokens(changes, this.rememberedAccount, this.username == null, Clock.systemUTC());
	}

	/**
	 * Serve tokens straight from the token cache file until MSAL4J's application is
	 * built: a request that MSAL4J would answer from its cache gets the token MSAL4J
	 * would hand out, read and matched without MSAL4J, which a run that only needs a
	 * cached token then never loads; anything else builds the application and asks it.
	 * Only for an application built with the given client ID and authority, whose token
	 * cache is the given one, and only for a Microsoft Entra ID authority (MSAL4J keeps
	 * the tokens of other authorities under other keys). Call before the first token
	 * request.
	 * @param tokenCache the application's token cache
	 * @param clientId the application's client ID
	 * @param authority the application's Microsoft Entra ID authority
	 */
	public void setTokenCacheFile(PersistentTokenCache tokenCache, String clientId, URI authority) {
		Assert.notNull(tokenCache, "'tokenCache' must not be null");
		Assert.hasText(clientId, "'clientId' must not be empty");
		Assert.notNull(authority, "'authority' must not be null");
		this.cacheFile = new CacheFileTokens(tokenCache::entries, clientId, authority, this.rememberedAccount,
				this.username, Clock.systemUTC());
	}

	/**
	 * Wrap the acquisitions that reach MSAL4J (or the user), for example to observe them;
	 * tokens handed out again from memory do not go through the wrapper. Call before the
	 * first token request.
	 * @param wrapper returns the provider to call for an acquisition, given the one that
	 * does it
	 */
	public void setAcquisitionWrapper(UnaryOperator<InteractiveTokenProvider> wrapper) {
		Assert.notNull(wrapper, "'wrapper' must not be null");
		InteractiveTokenProvider wrapped = wrapper.apply(this::acquire);
		Assert.notNull(wrapped, "'wrapper' must not return null");
		this.acquisitions = wrapped;
	}

	@Override
	public AccessToken getToken(TokenRequest request) {
		Assert.notNull(request, "'request' must not be null");
		RecentTokens recent = this.recent;
		if (recent == null || !fromCache(request)) {
			return this.acquisitions.getToken(request);
		}
		Set<String> scopes = scopes(request);
		AccessToken token = recent.find(scopes);
		if (token != null) {
			return token;
		}
		RecentTokens.Before before = recent.before();
		token = this.acquisitions.getToken(request);
		recent.store(scopes, token, before);
		return token;
	}

	private AccessToken acquire(TokenRequest request) {
		Set<String> scopes = this.flow.scopes(request);
		boolean silentFirst = request.getClaims() == null
				&& (request.isSilentOnly() || request.getPrompt() == null
						|| !INTERACTIVE_PROMPTS.contains(request.getPrompt()));
		if (silentFirst && fromCache(request)) {
			AccessToken token = fromCacheFile(scopes);
			if (token != null) {
				return token;
			}
		}
		while (true) {
			if (silentFirst) {
				AccessToken token = this.silent.acquire(request, scopes);
				if (token != null) {
					return token;
				}
			}
			if (request.isSilentOnly()) {
				throw new InteractionRequiredException("The user has to sign in to get a token for " + scopes
						+ ((request.getClaims() != null) ? " with the claims of a claims challenge" : "")
						+ ", and the request is silent only", "interaction_required", null);
			}
			AccessToken token = this.signIns.signIn(request,
					() -> silentFirst ? this.silent.acquire(request, scopes) : null);
			if (token != null) {
				return token;
			}
		}
	}

	private @Nullable AccessToken fromCacheFile(Set<String> scopes) {
		CacheFileTokens cacheFile = this.cacheFile;
		if (cacheFile == null) {
			return null;
		}
		if (!(this.application instanceof DeferredPublicClientApplication deferred) || deferred.isBuilt()) {
			this.cacheFile = null;
			return null;
		}
		return cacheFile.find(scopes);
	}

	/**
	 * Return whether MSAL4J would answer the request from its cache when it can.
	 */
	private static boolean fromCache(TokenRequest request) {
		return !request.isForceRefresh() && request.getClaims() == null
				&& (request.getPrompt() == null || !INTERACTIVE_PROMPTS.contains(request.getPrompt()));
	}

	private Set<String> scopes(TokenRequest request) {
		if (!request.getScopes().isEmpty()) {
			return request.getScopes();
		}
		Set<String> scopes = this.defaultScopes;
		if (scopes == null) {
			scopes = Set.copyOf(this.flow.scopes(request));
			this.defaultScopes = scopes;
		}
		return scopes;
	}

}
