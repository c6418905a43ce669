package dev.desktopidentity.cache;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link EncryptionRehearsal}: it needs no file, no bus and no secret store
 * (the console sample's training run shows it in a JVM of its own).
 */
class EncryptionRehearsalTests {

	@Test
	void runThenEncryptsDecryptsAndRehearsesTheSecretServiceSession() {
		assertThatNoException().isThrownBy(EncryptionRehearsal::run);
	}

	@Test
	void rehearseSessionThenBothMadeUpSidesAgree() {
		assertThatNoException().isThrownBy(SecretServiceSession::rehearse);
	}

}
