package dev.desktopidentity.cache;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DBusAddress.sessionBusSocket(Map)}; calls over a real bus are
 * tested in {@link SecretServiceStoreTests}.
 */
class DBusAddressTests {

	@TempDir
	Path temp;

	@Test
	void sessionBusSocketWhenUnixPathThenThatPathUnescaped() {
		assertThat(socket("unix:path=/run/user/1000/bus")).isEqualTo(Path.of("/run/user/1000/bus"));
		assertThat(socket("unix:path=/tmp/dbus-x%20y%c3%a9,guid=0123abcd")).isEqualTo(Path.of("/tmp/dbus-x yé"));
		assertThat(socket("unix:guid=0123,path=/tmp/bus")).isEqualTo(Path.of("/tmp/bus"));
		assertThat(socket("unix:abstract=/tmp/dbus-a,guid=1;unix:path=/tmp/second")).isEqualTo(Path.of("/tmp/second"));
	}

	@Test
	void sessionBusSocketWhenNoSocketFileAddressThenNull() {
		assertThat(socket("unix:abstract=/tmp/dbus-abc,guid=0123")).isNull();
		assertThat(socket("tcp:host=localhost,port=1234")).isNull();
		assertThat(socket("autolaunch:")).isNull();
		assertThat(socket("unix:path=/tmp/bad%2")).isNull();
		assertThat(socket("unix:path=")).isNull();
	}

	@Test
	void sessionBusSocketWhenNoAddressThenRuntimeDirectoryBusIfItExists() throws Exception {
		assertThat(DBusAddress.sessionBusSocket(Map.of("XDG_RUNTIME_DIR", this.temp.toString()))).isNull();
		Files.createFile(this.temp.resolve("bus"));
		assertThat(DBusAddress.sessionBusSocket(Map.of("XDG_RUNTIME_DIR", this.temp.toString())))
			.isEqualTo(this.temp.resolve("bus"));
		assertThat(DBusAddress.sessionBusSocket(Map.of())).isNull();
	}

	private static Path socket(String address) {
		return DBusAddress.sessionBusSocket(Map.of("DBUS_SESSION_BUS_ADDRESS", address));
	}

}
