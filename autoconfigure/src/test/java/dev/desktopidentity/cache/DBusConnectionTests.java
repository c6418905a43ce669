package dev.desktopidentity.cache;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DBusConnection} on a real session bus of its own.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Runs a D-Bus session bus")
class DBusConnectionTests {

	@TempDir
	Path temp;

	@Test
	void callWhenConnectionOlderThanTimeoutThenEachCallHasTheWholeTimeout() throws Exception {
		try (KeyringSession session = KeyringSession.start(this.temp, false);
				DBusConnection bus = DBusConnection.open(session.socket(), Duration.ofMillis(300))) {
			// a connection kept for the next lookup outlives its timeout
			Thread.sleep(500);
			assertThat(listNames(bus)).anyMatch((name) -> name.startsWith(":"));
			Thread.sleep(500);
			assertThat(listNames(bus)).contains("org.freedesktop.DBus");
		}
	}

	@Test
	void callWhenServiceAnswersWithErrorThenErrorNameAndConnectionStillUsable() throws Exception {
		try (KeyringSession session = KeyringSession.start(this.temp, false);
				DBusConnection bus = DBusConnection.open(session.socket(), Duration.ofSeconds(10))) {
			assertThatExceptionOfType(DBusException.class)
				.isThrownBy(() -> bus.call("org.freedesktop.secrets", "/org/freedesktop/secrets",
						"org.freedesktop.Secret.Service", "SearchItems", "a{ss}", List.of(Map.of()), "aoao"))
				.satisfies((ex) -> assertThat(ex.errorName()).isEqualTo("org.freedesktop.DBus.Error.ServiceUnknown"));
			assertThat(listNames(bus)).contains("org.freedesktop.DBus");
		}
	}

	@Test
	void callWhenAnswerHoldsOtherValuesThenSaysWhichAndConnectionStillUsable() throws Exception {
		try (KeyringSession session = KeyringSession.start(this.temp, false);
				DBusConnection bus = DBusConnection.open(session.socket(), Duration.ofSeconds(10))) {
			// the bus's ID is a string, not the array of strings the caller expects
			assertThatExceptionOfType(DBusException.class)
				.isThrownBy(() -> bus.call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
						"GetId", "", List.of(), "as"))
				.withMessage("the answer to GetId holds 's', not 'as'")
				.satisfies((ex) -> assertThat(ex.errorName()).isNull());
			assertThat(listNames(bus)).contains("org.freedesktop.DBus");
		}
	}

	@Test
	void callWhenServiceNeverAnswersThenTimesOut() throws Exception {
		try (KeyringSession session = KeyringSession.start(this.temp, false);
				DBusConnection silent = session.silentSecretService();
				DBusConnection bus = DBusConnection.open(session.socket(), Duration.ofMillis(300))) {
			assertThatExceptionOfType(DBusTimeoutException.class)
				.isThrownBy(() -> SecretServiceLookup.callService(bus, "SearchItems", "a{ss}", List.of(Map.of()),
						"aoao"))
				.withMessage("the D-Bus session bus did not answer within 300 ms");
		}
	}

	private static List<String> listNames(DBusConnection bus) throws DBusException {
		List<?> names = (List<?>) bus
			.call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "ListNames", "", List.of(),
					"as")
			.get(0);
		return names.stream().map(String::valueOf).toList();
	}

}
