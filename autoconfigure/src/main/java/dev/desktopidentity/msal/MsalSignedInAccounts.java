package dev.desktopidentity.msal;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.PublicClientApplication;
import dev.desktopidentity.SignedInAccount;
import dev.desktopidentity.cache.RememberedAccount;
import dev.desktopidentity.cache.RevocationOutcome;
import dev.desktopidentity.cache.SignOutResult;
import dev.desktopidentity.cache.SignedInAccounts;
import dev.desktopidentity.cache.TokenCacheStatus;

import org.springframework.util.Assert;

/**
 * {@link SignedInAccounts} of an MSAL4J {@link PublicClientApplication}: its token cache
 * and a {@link RememberedAccount}. Signing out revokes the account's refresh tokens with
 * a {@link RefreshTokenRevocation} before it removes them from the cache.
 */
public final class MsalSignedInAccounts implements SignedInAccounts {

	private final Supplier<PublicClientApplication> application;

	private final RememberedAccount rememberedAccount;

	private final Supplier<TokenCacheStatus> cacheStatus;

	private final RefreshTokenRevocation revocation;

	/**
	 * Create a new instance.
	 * @param application the application whose cache holds the accounts
	 * @param rememberedAccount the remembered account
	 * @param cacheStatus where and how the cache keeps tokens
	 * @param revocation revokes refresh tokens at the identity provider on sign-out
	 */
	public MsalSignedInAccounts(PublicClientApplication application, RememberedAccount rememberedAccount,
			Supplier<TokenCacheStatus> cacheStatus, RefreshTokenRevocation revocation) {
		this(DeferredPublicClientApplication.of(application), rememberedAccount, cacheStatus, revocation);
	}

	/**
	 * Create a new instance with an application built on first use.
	 * @param application the application whose cache holds the accounts
	 * @param rememberedAccount the remembered account
	 * @param cacheStatus where and how the cache keeps tokens
	 * @param revocation revokes refresh tokens at the identity provider on sign-out
	 */
	public MsalSignedInAccounts(Supplier<PublicClientApplication> application, RememberedAccount rememberedAccount,
			Supplier<TokenCacheStatus> cacheStatus, RefreshTokenRevocation revocation) {
		Assert.notNull(application, "'application' must not be null");
		Assert.notNull(rememberedAccount, "'rememberedAccount' must not be null");
		Assert.notNull(cacheStatus, "'cacheStatus' must not be null");
		Assert.notNull(revocation, "'revocation' must not be null");
		this.application = application;
		this.rememberedAccount = rememberedAccount;
		this.cacheStatus = cacheStatus;
		this.revocation = revocation;
	}

	@Override
	public List<SignedInAccount> list() {
		return accounts().stream()
			.map(MsalResults::account)
			.sorted(Comparator.comparing(SignedInAccount::username).thenComparing(SignedInAccount::homeAccountId))
			.toList();
	}

	@Override
	public Optional<SignedInAccount> remembered() {
		String homeAccountId = this.rememberedAccount.homeAccountId();
		if (homeAccountId == null) {
			return Optional.empty();
		}
		return list().stream().filter((account) -> account.homeAccountId().equals(homeAccountId)).findFirst();
	}

	@Override
	public void remember(SignedInAccount account) {
		Assert.notNull(account, "'account' must not be null");
		Assert.isTrue(find(account).isPresent(), "'account' must be signed in");
		this.rememberedAccount.remember(account);
	}

	@Override
	public SignOutResult signOut(SignedInAccount account) {
		Assert.notNull(account, "'account' must not be null");
		List<IAccount> signingOut = accounts().stream()
			.filter((cached) -> cached.homeAccountId().equals(account.homeAccountId()))
			.toList();
		SignOutResult result = signOut(signingOut);
		if (account.homeAccountId().equals(this.rememberedAccount.homeAccountId())) {
			this.rememberedAccount.forget();
		}
		return result;
	}

	@Override
	public SignOutResult signOutAll() {
		SignOutResult result = signOut(List.copyOf(accounts()));
		this.rememberedAccount.forget();
		return result;
	}

	/**
	 * Revoke the accounts' refresh tokens, then remove the accounts from the cache however
	 * revocation went.
	 */
	private SignOutResult signOut(List<IAccount> signingOut) {
		if (signingOut.isEmpty()) {
			return new SignOutResult(List.of(), RevocationOutcome.NOTHING_TO_REVOKE, "Nobody was signed in.");
		}
		Set<String> homeAccountIds = signingOut.stream().map(IAccount::homeAccountId).collect(Collectors.toSet());
		RefreshTokenRevocation.Result revoked = this.revocation.revoke(this.application.get().clientId(),
				refreshTokens(homeAccountIds));
		for (IAccount cached : signingOut) {
			MsalResults.join(this.application.get().removeAccount(cached));
		}
		List<SignedInAccount> accounts = signingOut.stream().map(MsalResults::account).toList();
		return new SignOutResult(accounts, revoked.outcome(), describe(revoked));
	}

	private static String describe(RefreshTokenRevocation.Result revoked) {
		return switch (revoked.outcome()) {
			case REVOKED -> "The identity provider " + revoked.detail() + ": it no longer works anywhere.";
			case NOT_OFFERED -> "Signed out on this computer only: " + revoked.detail() + ", so the refresh token "
					+ "stays valid at the identity provider until it expires or the user's sessions are revoked there.";
			case FAILED -> "Signed out on this computer only: " + revoked.detail() + "; the refresh token stays valid "
					+ "at the identity provider until it expires.";
			case NOTHING_TO_REVOKE -> "Signed out; " + revoked.detail() + ".";
		};
	}

	/**
	 * Return the refresh tokens of the given accounts for this client, from the cache as
	 * MSAL4J serializes it; they go to the revocation endpoint and nowhere else.
	 */
	private List<String> refreshTokens(Set<String> homeAccountIds) {
		String serialized = this.application.get().tokenCache().serialize();
		List<String> tokens = new ArrayList<>();
		try {
			Map<String, Object> cache = ProviderJson.parse(serialized);
			Map<String, Object> refreshTokens = ProviderJson.object(cache, "RefreshToken");
			if (refreshTokens == null) {
				return tokens;
			}
			for (Object value : refreshTokens.values()) {
				if (value instanceof Map<?, ?> entry && homeAccountIds.contains(entry.get("home_account_id"))
						&& this.application.get().clientId().equals(entry.get("client_id"))
						&& entry.get("secret") instanceof String secret && !secret.isEmpty()) {
					tokens.add(secret);
				}
			}
		}
		catch (ParseException ex) {
			// MSAL4J wrote it: not expected; nothing can be revoked then
		}
		return tokens;
	}

	@Override
	public TokenCacheStatus cacheStatus() {
		return this.cacheStatus.get();
	}

	private Optional<IAccount> find(SignedInAccount account) {
		return accounts().stream()
			.filter((cached) -> cached.homeAccountId().equals(account.homeAccountId()))
			.findFirst();
	}

	private Set<IAccount> accounts() {
		return MsalResults.join(this.application.get().getAccounts());
	}


}
