package dev.desktopidentity.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractionRequiredException;
import dev.desktopidentity.SignedInAccount;
import dev.desktopidentity.TokenAcquisitionException;
import dev.desktopidentity.TokenRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link BearerTokenSlot}: when it renews and what it serves meanwhile. Renewals
 * run in the caller's thread here.
 */
class BearerTokenSlotTests {

	private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

	private static final SignedInAccount ALICE = new SignedInAccount("alice@contoso.test", "alice.home", "login.test");

	private final AtomicReference<Instant> now = new AtomicReference<>(START);

	private final AtomicInteger calls = new AtomicInteger();

	private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

	private final AtomicReference<Duration> lifetime = new AtomicReference<>(Duration.ofHours(1));

	private final AtomicReference<Instant> refreshHint = new AtomicReference<>();

	private final List<TokenRequest> requests = new CopyOnWriteArrayList<>();

	private final AtomicBoolean needsSignIn = new AtomicBoolean();

	private final BearerTokenSlot slot = new BearerTokenSlot(TokenRequest.forScopes("api://contoso/read"),
			(request) -> {
				this.requests.add(request);
				if (this.needsSignIn.get() && request.isSilentOnly()) {
					throw new InteractionRequiredException("refresh token revoked", "invalid_grant", null);
				}
				int call = this.calls.incrementAndGet();
				if (this.failure.get() != null) {
					throw this.failure.get();
				}
				return new AccessToken("token-" + call, this.now.get().plus(this.lifetime.get()), request.getScopes(),
						ALICE, this.refreshHint.get());
			}, Runnable::run, new Clock() {

				@Override
				public ZoneOffset getZone() {
					return ZoneOffset.UTC;
				}

				@Override
				public Clock withZone(java.time.ZoneId zone) {
					return this;
				}

				@Override
				public Instant instant() {
					return BearerTokenSlotTests.this.now.get();
				}

			});

	@Test
	void authorizationWhenFreshThenServedFromMemory() {
		assertThat(this.slot.authorization()).isEqualTo("Bearer token-1");
		advance(Duration.ofMinutes(54));
		assertThat(this.slot.authorization()).isEqualTo("Bearer token-1");
		assertThat(this.calls).hasValue(1);
	}

	@Test
	void authorizationWhenFiveMinutesBeforeExpiryThenRenewsAhead() {
		this.slot.authorization();
		advance(Duration.ofMinutes(55).plusSeconds(1));
		// the renewal runs in this thread here; the token served is the one current on entry
		assertThat(this.slot.authorization()).isEqualTo("Bearer token-1");
		assertThat(this.slot.authorization()).isEqualTo("Bearer token-2");
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void authorizationWhenIdentityProviderHintsRefreshThenRenewsAtTheHint() {
		this.refreshHint.set(START.plus(Duration.ofMinutes(30)));
		this.slot.authorization();
		advance(Duration.ofMinutes(29));
		this.slot.authorization();
		assertThat(this.calls).hasValue(1);
		advance(Duration.ofMinutes(2));
		this.slot.authorization();
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void authorizationWhenRenewalFailsThenServesOldTokenAndWaits30Seconds() {
		this.slot.authorization();
		advance(Duration.ofMinutes(56));
		this.failure.set(new TokenAcquisitionException("identity provider down", "temporarily_unavailable", null));
		assertThat(this.slot.authorization()).isEqualTo("Bearer token-1");
		assertThat(this.calls).hasValue(2);
		advance(Duration.ofSeconds(29));
		assertThat(this.slot.authorization()).isEqualTo("Bearer token-1");
		assertThat(this.calls).hasValue(2);
		advance(Duration.ofSeconds(2));
		this.failure.set(null);
		this.slot.authorization();
		assertThat(this.slot.authorization()).isEqualTo("Bearer token-3");
		assertThat(this.calls).hasValue(3);
	}

	@Test
	void authorizationWhenExpiredAndRenewalFailsThenThrows() {
		this.slot.authorization();
		advance(Duration.ofMinutes(61));
		this.failure.set(new TokenAcquisitionException("identity provider down", "temporarily_unavailable", null));
		assertThatExceptionOfType(TokenAcquisitionException.class).isThrownBy(this.slot::authorization);
	}

	@Test
	void authorizationWhenShortLivedTokenThenRenewsHalfWay() {
		this.lifetime.set(Duration.ofMinutes(4));
		this.slot.authorization();
		advance(Duration.ofSeconds(100));
		this.slot.authorization();
		assertThat(this.calls).hasValue(1);
		advance(Duration.ofSeconds(30));
		this.slot.authorization();
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void authorizationWhenRenewingAheadOfExpiryThenRequestIsSilentOnly() {
		this.slot.authorization();
		advance(Duration.ofMinutes(56));
		this.slot.authorization();
		assertThat(this.requests).extracting(TokenRequest::isSilentOnly).containsExactly(false, true);
	}

	@Test
	void authorizationWhenSilentRenewalNeedsSignInThenOldTokenUntilExpiryAndForegroundRequestSignsIn() {
		this.slot.authorization();
		this.needsSignIn.set(true);
		advance(Duration.ofMinutes(56));
		assertThat(this.slot.authorization()).isEqualTo("Bearer token-1");
		// no more attempts in the background: only the user can help
		advance(Duration.ofMinutes(3));
		assertThat(this.slot.authorization()).isEqualTo("Bearer token-1");
		assertThat(this.requests).hasSize(2);
		advance(Duration.ofMinutes(1));
		assertThat(this.slot.authorization()).isEqualTo("Bearer token-2");
		assertThat(this.requests).extracting(TokenRequest::isSilentOnly).containsExactly(false, true, false);
	}

	@Test
	void replaceWhenTokenAlreadyReplacedThenReturnsCurrentWithoutAsking() {
		this.slot.authorization();
		String rejected = "Bearer token-0";
		assertThat(this.slot.replace(rejected, this.slot.request().mutate().forceRefresh(true).build()))
			.isEqualTo("Bearer token-1");
		assertThat(this.calls).hasValue(1);
		assertThat(this.slot.replace("Bearer token-1", this.slot.request().mutate().forceRefresh(true).build()))
			.isEqualTo("Bearer token-2");
	}

	@Test
	void toStringWhenTokenCachedThenDoesNotShowIt() {
		AccessToken token = new AccessToken("secret-value", START.plusSeconds(3600), Set.of("s"), ALICE);
		assertThat(BearerTokenSlot.CachedToken.of(token, START.toEpochMilli(), null).toString())
			.doesNotContain("secret-value");
	}

	private void advance(Duration duration) {
		this.now.set(this.now.get().plus(duration));
	}

}
