package dev.desktopidentity.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractionRequiredException;
import dev.desktopidentity.SignInCancelledException;
import dev.desktopidentity.TokenAcquisitionException;
import dev.desktopidentity.TokenRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The {@code Authorization} header value for one set of scopes, kept in memory and
 * renewed ahead of expiry. Reading a fresh value is a volatile read and a time compare;
 * renewal runs once at a time, in the background while the current token is still
 * valid, in the caller's thread (the others wait for it) once it has expired.
 * <p>
 * Renewal in the background is silent only: it never opens a browser or shows a device
 * code while the user is doing something else. When it cannot succeed without the user
 * (a revoked refresh token), the current token is sent until it expires, and the next
 * request then renews in the foreground, signing in if it has to.
 */
final class BearerTokenSlot {

	private static final Log logger = LogFactory.getLog(BearerTokenSlot.class);

	/**
	 * How long before expiry a token is renewed when the identity provider gave no hint.
	 */
	static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);

	/**
	 * How long to wait after a failed background renewal before the next attempt.
	 */
	static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

	/**
	 * Margin before expiry after which a token is not sent any more, so that it does not
	 * expire in flight.
	 */
	static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);

	private final TokenRequest request;

	private final TokenRequest backgroundRequest;

	private final Function<TokenRequest, AccessToken> tokens;

	private final Executor executor;

	private final Clock clock;

	private final AtomicReference<@Nullable CachedToken> current = new AtomicReference<>();

	private final AtomicReference<@Nullable Renewal> renewal = new AtomicReference<>();

	/**
	 * Create a new slot.
	 * @param request the token request for the slot's scopes
	 * @param tokens where tokens come from
	 * @param executor where background renewals run
	 * @param clock the clock that tells when a token is due for renewal
	 */
	public BearerTokenSlot(TokenRequest request, Function<TokenRequest, AccessToken> tokens, Executor executor,
			Clock clock) {
		this.request = request;
		this.backgroundRequest = request.mutate().silentOnly().build();
		this.tokens = tokens;
		this.executor = executor;
		this.clock = clock;
	}

	/**
	 * Return the {@code Authorization} header value to send now, renewing the token in
	 * the background when it is due, or waiting for a new one when it has expired.
	 * @return the header value, {@code Bearer <token>}
	 * @throws TokenAcquisitionException if there is no valid token and none could be
	 * obtained
	 */
	public String authorization() {
		CachedToken token = this.current.get();
		if (token != null) {
			long now = this.clock.millis();
			if (now < token.refreshAt) {
				return token.authorization;
			}
			if (now < token.expiresAt) {
				renewInBackground();
				return token.authorization;
			}
		}
		return awaitRenewal(this.request, null).authorization;
	}

	/**
	 * Return the {@code Authorization} header value if the token in memory is not yet due
	 * for renewal, without asking for one.
	 * @return the header value, or {@code null} when {@link #authorization()} has work to do
	 */
	public @Nullable String freshAuthorization() {
		CachedToken token = this.current.get();
		return (token != null && this.clock.millis() < token.refreshAt) ? token.authorization : null;
	}

	/**
	 * Return a header value to replace one that the API rejected: the current one if
	 * another request has already replaced the rejected token, else a new token for the
	 * given request (with a claims challenge, or forced past the token cache).
	 * @param rejected the header value the API rejected
	 * @param request what to ask for, for the slot's scopes
	 * @return the new header value
	 * @throws TokenAcquisitionException if no token could be obtained
	 */
	public String replace(String rejected, TokenRequest request) {
		CachedToken token = this.current.get();
		if (token != null && !token.authorization.equals(rejected) && this.clock.millis() < token.expiresAt) {
			return token.authorization;
		}
		return awaitRenewal(request, rejected).authorization;
	}

	/**
	 * Return the token request of the slot.
	 * @return the request
	 */
	public TokenRequest request() {
		return this.request;
	}

	private void renewInBackground() {
		Renewal started = new Renewal(true);
		if (!this.renewal.compareAndSet(null, started)) {
			return;
		}
		try {
			this.executor.execute(() -> {
				try {
					renew(this.backgroundRequest, started);
				}
				catch (InteractionRequiredException ex) {
					logger.info("The access token for " + this.request.getScopes() + " cannot be renewed without "
							+ "signing in again; it is used until it expires, then the next request signs in");
				}
				catch (RuntimeException ex) {
					logger.warn("Renewing an access token for " + this.request.getScopes()
							+ " ahead of its expiry failed; the current token stays in use and renewal is tried again in "
							+ RETRY_AFTER_FAILURE.toSeconds() + "s: " + ex.getMessage());
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.renewal.compareAndSet(started, null);
			started.completeExceptionally(ex);
		}
	}

	private CachedToken awaitRenewal(TokenRequest request, @Nullable String rejected) {
		while (true) {
			Renewal running = this.renewal.get();
			if (running == null) {
				Renewal started = new Renewal(false);
				if (this.renewal.compareAndSet(null, started)) {
					return renew(request, started);
				}
				continue;
			}
			CachedToken token;
			try {
				token = join(running);
			}
			catch (InteractionRequiredException ex) {
				if (running.background && !request.isSilentOnly()) {
					// a silent renewal could not do it: this request may sign in
					this.renewal.compareAndSet(running, null);
					continue;
				}
				throw ex;
			}
			if (rejected == null || !token.authorization.equals(rejected)) {
				return token;
			}
			// the renewal that was running brought the rejected token back: ask again
			this.renewal.compareAndSet(running, null);
		}
	}

	private CachedToken renew(TokenRequest request, Renewal renewal) {
		CachedToken previous = this.current.get();
		try {
			AccessToken token = this.tokens.apply(request);
			CachedToken renewed = CachedToken.of(token, this.clock.millis(), previous);
			this.current.set(renewed);
			this.renewal.compareAndSet(renewal, null);
			renewal.complete(renewed);
			return renewed;
		}
		catch (RuntimeException ex) {
			backOff(previous, renewal.background && ex instanceof InteractionRequiredException);
			this.renewal.compareAndSet(renewal, null);
			renewal.completeExceptionally(ex);
			throw ex;
		}
	}

	/**
	 * Keep the previous token after a failed renewal: try again in 30 seconds, or, when
	 * only the user can help, not before it expires.
	 */
	private void backOff(@Nullable CachedToken previous, boolean untilExpiry) {
		long now = this.clock.millis();
		if (previous != null && now < previous.expiresAt) {
			long retryAt = untilExpiry ? previous.expiresAt : now + RETRY_AFTER_FAILURE.toMillis();
			this.current.compareAndSet(previous, previous.retryAt(retryAt));
		}
	}

	private static CachedToken join(CompletableFuture<CachedToken> running) {
		try {
			return running.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SignInCancelledException("Interrupted while waiting for an access token", ex);
		}
		catch (ExecutionException | CompletionException | CancellationException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new TokenAcquisitionException("Token request failed: " + cause.getClass().getName(), null, cause);
		}
	}

	/**
	 * A renewal in progress, and whether it is a silent one in the background.
	 */
	private static final class Renewal extends CompletableFuture<CachedToken> {

		final boolean background;

		Renewal(boolean background) {
			this.background = background;
		}

	}

	/**
	 * A token as the slot keeps it: the header value, built once, and when to renew it
	 * and stop sending it, in {@link Clock#millis()}. Its {@link #toString()} never shows
	 * the token.
	 */
	static final class CachedToken {

		final String authorization;

		final long refreshAt;

		final long expiresAt;

		private CachedToken(String authorization, long refreshAt, long expiresAt) {
			this.authorization = authorization;
			this.refreshAt = refreshAt;
			this.expiresAt = expiresAt;
		}

		/**
		 * Return the cached form of a token: renewed at the identity provider's hint, else
		 * five minutes before expiry (half-way for a token that lives less than ten
		 * minutes). When the token is the one already held (the token cache had nothing
		 * newer), the next attempt waits as after a failure.
		 */
		static CachedToken of(AccessToken token, long now, @Nullable CachedToken previous) {
			long expiresAt = token.getExpiresAt().toEpochMilli() - EXPIRY_MARGIN.toMillis();
			long lifetime = Math.max(0, expiresAt - now);
			Instant hint = token.getRefreshAt();
			long refreshAt = (hint != null) ? Math.min(hint.toEpochMilli(), expiresAt)
					: expiresAt - Math.min(REFRESH_AHEAD.toMillis(), lifetime / 2);
			String authorization = "Bearer " + token.getTokenValue();
			if (previous != null && previous.authorization.equals(authorization) && refreshAt <= now) {
				refreshAt = Math.min(now + RETRY_AFTER_FAILURE.toMillis(), expiresAt);
			}
			return new CachedToken(authorization, refreshAt, expiresAt);
		}

		CachedToken retryAt(long retryAt) {
			return new CachedToken(this.authorization, Math.min(retryAt, this.expiresAt), this.expiresAt);
		}

		@Override
		public String toString() {
			return "CachedToken[refreshAt=" + Instant.ofEpochMilli(this.refreshAt) + ", expiresAt="
					+ Instant.ofEpochMilli(this.expiresAt) + "]";
		}

	}

}
