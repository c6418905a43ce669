package dev.desktopidentity.samples.desktop;

import java.util.Set;

import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.PublicClientApplication;
import dev.desktopidentity.internal.RememberedAccount;

import org.springframework.stereotype.Component;

/**
 * Signs every account out of this application: removes the accounts and their tokens
 * from the token cache and forgets which account signed in last, so that the next token
 * needs an interactive sign-in. The user's session at the identity provider (the
 * browser's cookies) is left alone.
 */
@Component
class AccountSignOut {

	private final PublicClientApplication application;

	private final RememberedAccount rememberedAccount;

	AccountSignOut(PublicClientApplication application, RememberedAccount rememberedAccount) {
		this.application = application;
		this.rememberedAccount = rememberedAccount;
	}

	/**
	 * Sign every account out.
	 * @return how many accounts were signed out
	 */
	int signOutAll() {
		Set<IAccount> accounts = this.application.getAccounts().join();
		for (IAccount account : accounts) {
			this.application.removeAccount(account).join();
		}
		this.rememberedAccount.forget();
		return accounts.size();
	}

}
