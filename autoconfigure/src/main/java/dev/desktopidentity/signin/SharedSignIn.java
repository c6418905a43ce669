package dev.desktopidentity.signin;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.SignInCancelledException;
import dev.desktopidentity.TokenAcquisitionException;
import dev.desktopidentity.TokenRequest;
import dev.desktopidentity.cache.SignInLock;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One interactive sign-in at a time: within the process, the first thread signs in and
 * the others wait for it; across the processes that share a token cache, the one that
 * holds the {@link SignInLock} signs in and the others wait for the lock to be released,
 * then try silently again from the shared cache. When the holder fails, is cancelled or
 * dies (the operating system releases its lock), the next waiter signs in itself. No
 * waiter waits longer than the interactive timeout, and interrupting it (Ctrl-C) ends
 * its wait.
 */
final class SharedSignIn {

	private static final Log logger = LogFactory.getLog(MsalInteractiveTokenProvider.class);

	/**
	 * How often a waiting process looks whether the lock has been released.
	 */
	static final Duration POLL_INTERVAL = Duration.ofMillis(25);

	private final Supplier<InteractiveSignIn> signIn;

	private final Supplier<SignInNotifier> notifier;

	private final @Nullable String username;

	private final Object monitor = new Object();

	private @Nullable InFlight inFlight;

	private volatile @Nullable SignInLock lock;

	private volatile Duration timeout = Duration.ofMinutes(5);

	private volatile boolean lockWarned;

	/**
	 * Create an instance whose sign-in and notifier are looked up when first needed.
	 */
	SharedSignIn(Supplier<InteractiveSignIn> signIn, Supplier<SignInNotifier> notifier, @Nullable String username) {
		this.signIn = signIn;
		this.notifier = notifier;
		this.username = username;
	}

	void lockAcrossProcesses(SignInLock lock, Duration timeout) {
		this.lock = lock;
		this.timeout = timeout;
	}

	/**
	 * Sign in, or wait for the sign-in that is already running here or in another
	 * process.
	 * @param request the request
	 * @param silently tries the token cache again after another process has signed in;
	 * returns {@code null} when that is not enough
	 * @return the token, or {@code null} when another thread signed in for a different
	 * request: then the caller tries again, silently first
	 */
	@Nullable AccessToken signIn(TokenRequest request, Supplier<@Nullable AccessToken> silently) {
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
		return leader ? lead(flight, silently) : follow(flight, request);
	}

	private AccessToken lead(InFlight flight, Supplier<@Nullable AccessToken> silently) {
		try {
			AccessToken token = acrossProcesses(flight.request(), silently);
			this.notifier.get().signedIn(token.getAccount());
			flight.result().complete(token);
			return token;
		}
		catch (TokenAcquisitionException ex) {
			this.notifier.get().signInFailed(ex);
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

	private AccessToken acrossProcesses(TokenRequest request, Supplier<@Nullable AccessToken> silently) {
		SignInLock lock = this.lock;
		if (lock == null || this.signIn.get() instanceof NoInteractiveSignIn) {
			return this.signIn.get().signIn(withDefaultLoginHint(request));
		}
		long deadline = System.nanoTime() + this.timeout.toNanos();
		boolean waited = false;
		long announced = 0;
		while (true) {
			SignInLock.Held held;
			try {
				held = lock.tryAcquire();
			}
			catch (IOException ex) {
				warnLockUnusable(lock, ex);
				return this.signIn.get().signIn(withDefaultLoginHint(request));
			}
			if (held != null && !waited) {
				try (held) {
					return this.signIn.get().signIn(withDefaultLoginHint(request));
				}
			}
			if (held != null) {
				// the other sign-in is over: its tokens may be in the shared cache
				held.close();
				waited = false;
				AccessToken token = silently.get();
				if (token != null) {
					return token;
				}
				continue;
			}
			waited = true;
			long holder = lock.holderProcessId();
			if (holder != announced) {
				announced = holder;
				this.notifier.get().waitingForOtherProcess(holder);
			}
			pause(deadline, holder);
		}
	}

	private void pause(long deadline, long holder) {
		if (System.nanoTime() >= deadline) {
			throw new SignInCancelledException("Sign-in in another window" + process(holder)
					+ " was not completed within " + this.timeout + " (identity.interactive.timeout); "
					+ "start again when you are ready", null);
		}
		try {
			Thread.sleep(POLL_INTERVAL.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SignInCancelledException(
					"Interrupted while waiting for sign-in in another window" + process(holder), ex);
		}
	}

	private static String process(long holder) {
		return (holder > 0) ? " (process " + holder + ")" : "";
	}

	private void warnLockUnusable(SignInLock lock, IOException ex) {
		if (!this.lockWarned) {
			this.lockWarned = true;
			logger.warn("Cannot use the sign-in lock " + lock.file() + " (" + ex.getMessage()
					+ "); other processes of this application may ask the user to sign in at the same time");
		}
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
