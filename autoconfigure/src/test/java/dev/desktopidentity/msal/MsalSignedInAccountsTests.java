package dev.desktopidentity.msal;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.InteractiveRequestParameters;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.SystemBrowserOptions;
import dev.desktopidentity.SignedInAccount;
import dev.desktopidentity.cache.CacheProtection;
import dev.desktopidentity.cache.FileRememberedAccount;
import dev.desktopidentity.cache.PersistentTokenCache;
import dev.desktopidentity.cache.RememberedAccount;
import dev.desktopidentity.cache.TokenCacheProtection;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.ScriptedUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link MsalSignedInAccounts} with a persistent cache and tokens from a local
 * identity provider.
 */
class MsalSignedInAccountsTests {

	private static final Set<String> SCOPES = Set.of("api://local-test/read");

	@TempDir
	Path directory;

	private LocalIdentityProvider provider;

	private PersistentTokenCache cache;

	private PublicClientApplication application;

	private FileRememberedAccount remembered;

	private MsalSignedInAccounts accounts;

	@BeforeEach
	void start() throws Exception {
		this.provider = LocalIdentityProvider.builder()
			.user("alice@contoso.test", "Passw0rd!", "Alice Example")
			.user("bob@contoso.test", "Passw0rd!", "Bob Example")
			.start();
		this.cache = new PersistentTokenCache(this.directory, "accounts-test", CacheProtection.NONE, false);
		this.application = application(this.cache);
		this.remembered = new FileRememberedAccount(this.directory);
		this.accounts = new MsalSignedInAccounts(this.application, this.remembered, this.cache::status, revocation());
	}

	@AfterEach
	void stop() {
		this.provider.close();
	}

	@Test
	void listWhenTwoSignedInThenBothByUsername() throws Exception {
		signIn("bob@contoso.test");
		signIn("alice@contoso.test");
		assertThat(this.accounts.list()).extracting(SignedInAccount::username)
			.containsExactly("alice@contoso.test", "bob@contoso.test");
	}

	@Test
	void rememberWhenSwitchedThenNextRunSeesTheSwitch() throws Exception {
		IAuthenticationResult alice = signIn("alice@contoso.test");
		signIn("bob@contoso.test");
		this.remembered.remember(MsalResults.account(alice.account()));
		SignedInAccount bob = this.accounts.list().get(1);
		this.accounts.remember(bob);
		PersistentTokenCache nextCache = new PersistentTokenCache(this.directory, "accounts-test",
				CacheProtection.NONE, false);
		MsalSignedInAccounts nextRun = new MsalSignedInAccounts(application(nextCache),
				new FileRememberedAccount(this.directory), nextCache::status, revocation());
		assertThat(nextRun.remembered()).contains(bob);
	}

	@Test
	void rememberWhenAccountNotCachedThenFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.accounts
			.remember(new SignedInAccount("mallory@contoso.test", "nobody.tid", "127.0.0.1")));
	}

	@Test
	void signOutWhenOneOfTwoThenItsTokensAreGoneFromTheFileAndItIsForgotten() throws Exception {
		IAuthenticationResult alice = signIn("alice@contoso.test");
		IAuthenticationResult bob = signIn("bob@contoso.test");
		this.accounts.remember(MsalResults.account(alice.account()));
		this.accounts.signOut(MsalResults.account(alice.account()));
		String file = Files.readString(this.directory.resolve("msal-cache.json"));
		assertThat(file).doesNotContain(alice.account().homeAccountId())
			.doesNotContain(alice.accessToken())
			.contains(bob.account().homeAccountId());
		assertThat(this.accounts.remembered()).isEmpty();
		assertThat(this.remembered.homeAccountId()).isNull();
		assertThat(this.accounts.list()).extracting(SignedInAccount::username).containsExactly("bob@contoso.test");
	}

	@Test
	void signOutAllThenFileHasNoCredentialsAndNextRunHasNoAccount() throws Exception {
		signIn("alice@contoso.test");
		signIn("bob@contoso.test");
		this.accounts.signOutAll();
		String file = Files.readString(this.directory.resolve("msal-cache.json"));
		assertThat(file).doesNotContain("credential_type").doesNotContain("home_account_id");
		PersistentTokenCache nextCache = new PersistentTokenCache(this.directory, "accounts-test",
				CacheProtection.NONE, false);
		assertThat(new MsalSignedInAccounts(application(nextCache), RememberedAccount.inMemory(), nextCache::status,
				revocation())
			.list()).isEmpty();
	}

	@Test
	void cacheStatusThenSaysWhereAndHow() {
		assertThat(this.accounts.cacheStatus().protection()).isEqualTo(TokenCacheProtection.UNPROTECTED_FILE);
		assertThat(this.accounts.cacheStatus().location()).isEqualTo(this.directory.toAbsolutePath());
	}

	private PublicClientApplication application(PersistentTokenCache cache) throws Exception {
		return PublicClientApplication.builder("accounts-test")
			.authority(this.provider.authority())
			.instanceDiscovery(false)
			.httpClient(httpClient())
			.setTokenCacheAccessAspect(cache)
			.build();
	}

	private IdentityProviderHttpClient httpClient() {
		return new IdentityProviderHttpClient(HttpClient.newBuilder().sslContext(this.provider.sslContext()).build(),
				Duration.ofSeconds(10), URI.create(this.provider.authority()));
	}

	private RefreshTokenRevocation revocation() {
		return RefreshTokenRevocation.of(httpClient());
	}

	private IAuthenticationResult signIn(String username) throws Exception {
		ScriptedUser user = ScriptedUser.of(this.provider, username, "Passw0rd!");
		SystemBrowserOptions browser = SystemBrowserOptions.builder()
			.openBrowserAction((url) -> user.signIn(toUri(url)).deliver())
			.build();
		return this.application
			.acquireToken(InteractiveRequestParameters.builder(URI.create("http://localhost"))
				.scopes(SCOPES)
				.systemBrowserOptions(browser)
				.build())
			.get(30, TimeUnit.SECONDS);
	}

	private static URI toUri(URL url) {
		try {
			return url.toURI();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
