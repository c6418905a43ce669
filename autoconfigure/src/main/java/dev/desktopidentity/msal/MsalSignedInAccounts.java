package dev.desktopidentity.msal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.PublicClientApplication;
import dev.desktopidentity.SignedInAccount;
import dev.desktopidentity.cache.RememberedAccount;
import dev.desktopidentity.cache.SignedInAccounts;
import dev.desktopidentity.cache.TokenCacheStatus;

import org.springframework.util.Assert;

/**
 * {@link SignedInAccounts} of an MSAL4J {@link PublicClientApplication}: its token cache
 * and a {@link RememberedAccount}.
 */
public final class MsalSignedInAccounts implements SignedInAccounts {

	private final Supplier<PublicClientApplication> application;

	private final RememberedAccount rememberedAccount;

	private final Supplier<TokenCacheStatus> cacheStatus;

	/**
	 * Create a new instance.
	 * @param application the application whose cache holds the accounts
	 * @param rememberedAccount the remembered account
	 * @param cacheStatus where and how the cache keeps tokens
	 */
	public MsalSignedInAccounts(PublicClientApplication application, RememberedAccount rememberedAccount,
			Supplier<TokenCacheStatus> cacheStatus) {
		this(DeferredPublicClientApplication.of(application), rememberedAccount, cacheStatus);
	}

	/**
	 * Create a new instance with an application built on first use.
	 * @param application the application whose cache holds the accounts
	 * @param rememberedAccount the remembered account
	 * @param cacheStatus where and how the cache keeps tokens
	 */
	public MsalSignedInAccounts(Supplier<PublicClientApplication> application, RememberedAccount rememberedAccount,
			Supplier<TokenCacheStatus> cacheStatus) {
		Assert.notNull(application, "'application' must not be null");
		Assert.notNull(rememberedAccount, "'rememberedAccount' must not be null");
		Assert.notNull(cacheStatus, "'cacheStatus' must not be null");
		this.application = application;
		this.rememberedAccount = rememberedAccount;
		this.cacheStatus = cacheStatus;
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
	public void signOut(SignedInAccount account) {
		Assert.notNull(account, "'account' must not be null");
		for (IAccount cached : accounts()) {
			if (cached.homeAccountId().equals(account.homeAccountId())) {
				MsalResults.join(this.application.get().removeAccount(cached));
			}
		}
		if (account.homeAccountId().equals(this.rememberedAccount.homeAccountId())) {
			this.rememberedAccount.forget();
		}
	}

	@Override
	public void signOutAll() {
		for (IAccount cached : accounts()) {
			MsalResults.join(this.application.get().removeAccount(cached));
		}
		this.rememberedAccount.forget();
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
