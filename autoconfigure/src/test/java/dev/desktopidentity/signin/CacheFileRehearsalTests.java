package dev.desktopidentity.signin;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.TokenSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CacheFileRehearsal}.
 */
class CacheFileRehearsalTests {

	@Test
	void runThenServesTheMadeUpTokenAsFromTheCacheFile() {
		AccessToken token = CacheFileRehearsal.run();
		assertThat(token).isNotNull();
		assertThat(token.getTokenValue()).isEqualTo("rehearsal");
		assertThat(token.getSource()).isEqualTo(TokenSource.CACHE);
		assertThat(token.getAccount().username()).isEqualTo("rehearsal@desktop-identity.invalid");
	}

}
