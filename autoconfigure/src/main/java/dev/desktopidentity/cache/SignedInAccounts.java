package dev.desktopidentity.cache;

import java.util.List;
import java.util.Optional;

import dev.desktopidentity.SignedInAccount;

/**
 * The accounts in the token cache: list them, sign one or all out, and choose which one
 * the next run signs in with silently.
 * <p>
 * The starter defines a bean of this type. Example of a console tool's {@code --status}
 * and {@code --sign-out} options:
 * <pre class="code">
 * &#64;Bean
 * CommandLineRunner accounts(SignedInAccounts accounts) {
 *     return (args) -&gt; {
 *         if (List.of(args).contains("--status")) {
 *             System.out.println("Token cache: " + accounts.cacheStatus().description());
 *             accounts.list().forEach((account) -&gt; System.out.println(account.username()
 *                     + (accounts.remembered().equals(Optional.of(account)) ? " (remembered)" : "")));
 *         }
 *         if (List.of(args).contains("--sign-out")) {
 *             System.out.println(accounts.signOutAll().description());
 *         }
 *     };
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public interface SignedInAccounts {

	/**
	 * Return the accounts that have tokens in the cache, by user name.
	 * @return the accounts, possibly empty
	 */
	List<SignedInAccount> list();

	/**
	 * Return the account that silent sign-in tries first: the one that signed in last or
	 * was chosen with {@link #remember(SignedInAccount)}, if it is still in the cache.
	 * @return the remembered account, or empty
	 */
	Optional<SignedInAccount> remembered();

	/**
	 * Make an account in the cache the one that silent sign-in tries first, in this run
	 * and the next ones.
	 * @param account an account from {@link #list()}
	 * @throws IllegalArgumentException if the account is not in the cache
	 */
	void remember(SignedInAccount account);

	/**
	 * Sign an account out: where the identity provider offers token revocation (RFC 7009,
	 * a {@code revocation_endpoint} in its discovery document), revoke its refresh token
	 * there; then remove the account and its tokens from the cache, and forget it if it
	 * is the remembered one. The tokens are removed from the cache even when revocation
	 * fails; the result says what happened at the provider. Does nothing if the account
	 * is not in the cache.
	 * @param account the account
	 * @return what signing out did
	 */
	SignOutResult signOut(SignedInAccount account);

	/**
	 * Sign every account out as {@link #signOut(SignedInAccount)} does, and forget the
	 * remembered account.
	 * @return what signing out did
	 */
	SignOutResult signOutAll();

	/**
	 * Return where and how the token cache keeps tokens. May look for the operating
	 * system's secret store if the cache has not been used yet.
	 * @return the status
	 */
	TokenCacheStatus cacheStatus();

}
