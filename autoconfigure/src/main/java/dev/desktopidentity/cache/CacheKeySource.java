package dev.desktopidentity.cache;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The AES key of the token cache file, kept in the operating system's secret store. Each
 * call to the store has a time limit, since a locked store may wait for a password prompt
 * that nobody sees.
 */
final class CacheKeySource {

	private static final int KEY_BYTES = 32;

	// Reuses an idle thread; a call that hangs keeps its own thread and blocks no other
	private static final Executor DAEMON_THREADS = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "desktop-identity-secret-store");
		thread.setDaemon(true);
		return thread;
	});

	private final SecretStore store;

	private final Duration timeout;

	CacheKeySource(SecretStore store, Duration timeout) {
		this.store = store;
		this.timeout = timeout;
	}

	String storeName() {
		return this.store.name();
	}

	/**
	 * Return the key in the store.
	 * @return the key, or {@code null} if the store has none
	 * @throws SecretStoreException if the store does not answer in time or refuses
	 */
	@Nullable SecretKey find() throws SecretStoreException {
		return find(lookUp());
	}

	/**
	 * Start looking up the key, so that the caller can take the cache lock and read the
	 * file meanwhile: the lookup is a round trip to another process (the Secret Service,
	 * the keychain), the largest part of a first cache access.
	 * @return the lookup, to pass to {@link #find(Lookup)}
	 */
	Lookup lookUp() {
		return new Lookup(start(this.store::read));
	}

	/**
	 * Return the key that a lookup found.
	 * @param lookup the lookup, started by {@link #lookUp()}
	 * @return the key, or {@code null} if the store has none
	 * @throws SecretStoreException if the store does not answer in time or refuses
	 */
	@Nullable SecretKey find(Lookup lookup) throws SecretStoreException {
		byte[] secret = await(lookup.secret);
		return (secret != null && secret.length == KEY_BYTES) ? new SecretKeySpec(secret, "AES") : null;
	}

	/**
	 * Return the key in the store, creating and storing a new one if there is none.
	 * @return the key
	 * @throws SecretStoreException if the store does not answer in time or refuses
	 */
	SecretKey findOrCreate() throws SecretStoreException {
		SecretKey key = find();
		if (key != null) {
			return key;
		}
		byte[] secret = new byte[KEY_BYTES];
		KeyBytes.RANDOM.nextBytes(secret);
		call(() -> {
			this.store.write(secret);
			return null;
		});
		return new SecretKeySpec(secret, "AES");
	}

	/**
	 * Delete the key from the store.
	 * @throws SecretStoreException if the store does not answer in time or refuses
	 */
	void delete() throws SecretStoreException {
		call(() -> {
			this.store.delete();
			return null;
		});
	}

	/**
	 * Made when a key is first created, not when the cache is: seeding it is start-up work
	 * that a run with a key in the store does not need.
	 */
	private static final class KeyBytes {

		static final SecureRandom RANDOM = new SecureRandom();

	}

	/**
	 * A lookup of the key under way.
	 */
	static final class Lookup {

		private final CompletableFuture<byte @Nullable []> secret;

		private Lookup(CompletableFuture<byte @Nullable []> secret) {
			this.secret = secret;
		}

	}

	private <T> T call(Callable<T> action) throws SecretStoreException {
		return await(start(action));
	}

	private static <T> CompletableFuture<T> start(Callable<T> action) {
		CompletableFuture<T> result = new CompletableFuture<>();
		DAEMON_THREADS.execute(() -> {
			try {
				result.complete(action.call());
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		});
		return result;
	}

	private <T> T await(CompletableFuture<T> result) throws SecretStoreException {
		try {
			return result.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new SecretStoreException("the " + this.store.name() + " did not answer within "
					+ this.timeout.toMillis() + " ms (is it locked and waiting for a password?)");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SecretStoreException("interrupted while waiting for the " + this.store.name(), ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof SecretStoreException storeException) {
				throw storeException;
			}
			throw new SecretStoreException("the " + this.store.name() + " failed: " + cause, cause);
		}
	}

}
