package dev.desktopidentity.msal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.TokenSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SilentAcquisitionRehearsal}.
 */
class SilentAcquisitionRehearsalTests {

	private final ExecutorService executor = Executors.newCachedThreadPool();

	@AfterEach
	void stop() {
		this.executor.shutdownNow();
	}

	@Test
	void runWithCacheThenServesTheMadeUpTokenFromTheCacheWithoutAnyRequest() throws Exception {
		// the rehearsal's HTTP client fails every request, so a token from anywhere but the cache fails the run
		AccessToken token = SilentAcquisitionRehearsal.run(this.executor, true);
		assertThat(token).isNotNull();
		assertThat(token.getSource()).isEqualTo(TokenSource.CACHE);
		assertThat(token.getAccount().username()).isEqualTo("rehearsal@desktop-identity.invalid");
		assertThat(token.getScopes()).containsExactly("api://desktop-identity-rehearsal/read");
	}

	@Test
	void runWithoutCacheThenEndsWithoutTokenOrRequest() throws Exception {
		assertThat(SilentAcquisitionRehearsal.run(this.executor, false)).isNull();
	}

	@Test
	void runThenUsesTheCacheFromJava18On() throws Exception {
		assertThat(SilentAcquisitionRehearsal.run(this.executor) != null).isEqualTo(Runtime.version().feature() >= 18);
	}

}
