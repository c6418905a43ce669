package dev.desktopidentity.cache;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

import dev.desktopidentity.cache.WindowsDataProtection.DataProtectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Crypt32DataProtection} and {@link DpapiSecretStore} with the real
 * Windows data protection API of the user running the tests.
 */
@EnabledOnOs(OS.WINDOWS)
class WindowsDataProtectionTests {

	@TempDir
	Path directory;

	private final Crypt32DataProtection dpapi = new Crypt32DataProtection();

	@Test
	void protectThenUnprotectGivesTheKeyBackOnlyWithTheSameEntropy() throws Exception {
		byte[] key = key();
		byte[] blob = this.dpapi.protect(key, DpapiSecretStore.ENTROPY, DpapiSecretStore.DESCRIPTION);
		assertThat(blob).isNotEqualTo(key).hasSizeGreaterThan(key.length);
		assertThat(this.dpapi.unprotect(blob, DpapiSecretStore.ENTROPY)).isEqualTo(key);
		assertThatExceptionOfType(DataProtectionException.class)
			.isThrownBy(() -> this.dpapi.unprotect(blob, "other".getBytes()))
			.satisfies((ex) -> assertThat(DpapiSecretStore.isUnreadable(ex))
				.as("error 0x%08X (%s) counts as unreadable", ex.errorCode(), ex.getMessage())
				.isTrue());
	}

	@Test
	void unprotectWhenBlobDamagedThenRefusedAsUnreadable() throws Exception {
		byte[] blob = this.dpapi.protect(key(), DpapiSecretStore.ENTROPY, DpapiSecretStore.DESCRIPTION);
		for (int position : new int[] { blob.length / 2, blob.length - 1 }) {
			byte[] damaged = blob.clone();
			damaged[position] ^= 0x01;
			assertThatExceptionOfType(DataProtectionException.class)
				.isThrownBy(() -> this.dpapi.unprotect(damaged, DpapiSecretStore.ENTROPY))
				.satisfies((ex) -> assertThat(DpapiSecretStore.isUnreadable(ex))
					.as("error 0x%08X (%s) counts as unreadable", ex.errorCode(), ex.getMessage())
					.isTrue());
		}
		byte[] truncated = java.util.Arrays.copyOf(blob, 20);
		assertThatExceptionOfType(DataProtectionException.class)
			.isThrownBy(() -> this.dpapi.unprotect(truncated, DpapiSecretStore.ENTROPY))
			.satisfies((ex) -> assertThat(DpapiSecretStore.isUnreadable(ex))
				.as("error 0x%08X (%s) counts as unreadable", ex.errorCode(), ex.getMessage())
				.isTrue());
	}

	@Test
	void storeWhenKeyWrittenThenKeyFileReadableOnlyByOwnerAndKeyReadBack() throws Exception {
		DpapiSecretStore store = new DpapiSecretStore(this.directory, () -> this.dpapi, Clock.systemUTC());
		byte[] key = key();
		store.write(key);
		Path file = this.directory.resolve(DpapiSecretStore.KEY_FILE);
		TestCaches.assertReadableOnlyByOwner(file);
		assertThat(Files.readAllBytes(file)).startsWith("DIK1".getBytes());
		assertThat(new DpapiSecretStore(this.directory, () -> this.dpapi, Clock.systemUTC()).read()).isEqualTo(key);
	}

	private static byte[] key() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return key;
	}

}
