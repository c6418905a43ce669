package dev.desktopidentity.cache;

import java.util.concurrent.atomic.AtomicReference;

import dev.desktopidentity.SignedInAccount;
import org.jspecify.annotations.Nullable;

/**
 * The account that signed in last, whose tokens silent acquisition tries first. Holds no
 * secrets.
 */
public interface RememberedAccount {

	/**
	 * Return the home account ID of the account that signed in last.
	 * @return the home account ID, or {@code null} if none is remembered
	 */
	@Nullable String homeAccountId();

	/**
	 * Return the home account ID as this process last read or remembered it, without
	 * reading any storage, for a check on every token request. An implementation that
	 * keeps the account outside memory returns what its last {@link #homeAccountId()},
	 * {@link #remember(SignedInAccount)} or {@link #forget()} saw, so a change that
	 * another process made shows here only after the next {@link #homeAccountId()}.
	 * @return the last known home account ID, or {@code null} if none is remembered
	 */
	default @Nullable String lastKnownHomeAccountId() {
		return homeAccountId();
	}

	/**
	 * Remember the account that has just signed in.
	 * @param account the account
	 */
	void remember(SignedInAccount account);

	/**
	 * Forget the remembered account.
	 */
	void forget();

	/**
	 * Return a memory that lasts as long as the application runs.
	 * @return the in-memory remembered account
	 */
	static RememberedAccount inMemory() {
		AtomicReference<@Nullable String> current = new AtomicReference<>();
		return new RememberedAccount() {

			@Override
			public @Nullable String homeAccountId() {
				return current.get();
			}

			@Override
			public void remember(SignedInAccount account) {
				current.set(account.homeAccountId());
			}

			@Override
			public void forget() {
				current.set(null);
			}

		};
	}

}
