package dev.desktopidentity.cache;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KeychainStore} with the real {@code /usr/bin/security} and the default
 * keychain of the user running the tests. Each test uses a client ID of its own and
 * deletes its item.
 */
@EnabledOnOs(OS.MAC)
class KeychainStoreMacTests {

	private final String clientId = "desktop-identity-test-" + UUID.randomUUID();

	@TempDir
	Path directory;

	private KeychainStore store() {
		return new KeychainStore(this.clientId, this.directory, CommandRunner.SYSTEM, Duration.ofSeconds(30));
	}

	@AfterEach
	void deleteItem() throws SecretStoreException {
		store().delete();
	}

	@Test
	void writeThenReadGivesTheKeyBackAndTheItemIsNamedAfterTheClient() throws Exception {
		assertThat(store().read()).isNull();
		byte[] key = key();
		store().write(key);
		assertThat(store().read()).isEqualTo(key);
		CommandRunner.Result item = CommandRunner.SYSTEM.run(List.of(KeychainStore.SECURITY, "find-generic-password",
				"-s", KeychainStore.SERVICE_PREFIX + this.clientId, "-a", this.directory.toString()), null,
				Duration.ofSeconds(30));
		assertThat(item.exitStatus()).isZero();
		assertThat(item.output()).contains("desktop-identity token cache key (" + this.clientId + ")");
	}

	@Test
	void writeWhenItemExistsThenReplacesItsKey() throws Exception {
		store().write(key());
		byte[] second = key();
		store().write(second);
		assertThat(store().read()).isEqualTo(second);
	}

	@Test
	void deleteThenNoKeyAndDeletingAgainIsFine() throws Exception {
		store().write(key());
		store().delete();
		assertThat(store().read()).isNull();
		store().delete();
	}

	private static byte[] key() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return key;
	}

}
