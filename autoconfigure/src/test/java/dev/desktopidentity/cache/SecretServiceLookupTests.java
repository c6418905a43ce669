package dev.desktopidentity.cache;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SecretServiceLookup} against a Secret Service that hangs: a client of a
 * real session bus that owns the service's name and never reads what it is sent. Lookups
 * against GNOME Keyring are in {@link SecretServiceStoreTests}.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Runs a D-Bus session bus")
class SecretServiceLookupTests {

	@TempDir
	Path temp;

	@Test
	void lookUpWhenSecretServiceHangsThenTimesOut() throws Exception {
		try (KeyringSession session = KeyringSession.start(this.temp, false);
				DBusConnection silent = session.silentSecretService()) {
			assertThatExceptionOfType(DBusTimeoutException.class).isThrownBy(
					() -> SecretServiceLookup.lookUp(session.socket(), Map.of("cache", "x"), Duration.ofMillis(300)));
		}
	}

	@Test
	void lookUpWhileAnotherWaitsForTheServiceThenUsesAConnectionOfItsOwn() throws Exception {
		try (KeyringSession session = KeyringSession.start(this.temp, false);
				DBusConnection silent = session.silentSecretService()) {
			CountDownLatch waiting = new CountDownLatch(1);
			CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
				waiting.countDown();
				assertThatExceptionOfType(DBusTimeoutException.class).isThrownBy(() -> SecretServiceLookup
					.lookUp(session.socket(), Map.of("cache", "first"), Duration.ofSeconds(3)));
			});
			waiting.await();
			Thread.sleep(200);
			// the first lookup holds the kept connection for 3 s; this one does not wait for it
			assertThatExceptionOfType(DBusTimeoutException.class).isThrownBy(() -> SecretServiceLookup
				.lookUp(session.socket(), Map.of("cache", "second"), Duration.ofMillis(300)));
			assertThat(first).isNotDone();
			first.get(30, TimeUnit.SECONDS);
		}
	}

}
