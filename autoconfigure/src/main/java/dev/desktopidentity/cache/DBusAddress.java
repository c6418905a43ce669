package dev.desktopidentity.cache;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where the D-Bus session bus listens, from the environment as the D-Bus specification
 * and GDBus read it.
 */
final class DBusAddress {

	private DBusAddress() {
	}

	/**
	 * Return the socket of the session bus that an environment names: the first
	 * {@code unix:path=} address of {@code DBUS_SESSION_BUS_ADDRESS}, or without that
	 * variable {@code $XDG_RUNTIME_DIR/bus} if it exists.
	 * @param environment the environment
	 * @return the socket, or {@code null} if the bus is reached some other way (an
	 * abstract socket, TCP, autolaunch) or not named at all
	 */
	static @Nullable Path sessionBusSocket(Map<String, String> environment) {
		String address = environment.get("DBUS_SESSION_BUS_ADDRESS");
		if (address == null || address.isBlank()) {
			String runtime = environment.get("XDG_RUNTIME_DIR");
			Path bus = (runtime != null && !runtime.isBlank()) ? Path.of(runtime, "bus") : null;
			return (bus != null && Files.exists(bus)) ? bus : null;
		}
		for (String entry : address.split(";")) {
			if (entry.startsWith("unix:")) {
				for (String pair : entry.substring(5).split(",")) {
					if (pair.startsWith("path=")) {
						String path = unescape(pair.substring(5));
						return (path != null && !path.isEmpty()) ? Path.of(path) : null;
					}
				}
			}
		}
		return null;
	}

	private static @Nullable String unescape(String value) {
		byte[] bytes = new byte[value.length()];
		int length = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '%') {
				if (i + 2 >= value.length() || !HexFormat.isHexDigit(value.charAt(i + 1))
						|| !HexFormat.isHexDigit(value.charAt(i + 2))) {
					return null;
				}
				bytes[length++] = (byte) HexFormat.fromHexDigits(value, i + 1, i + 3);
				i += 2;
			}
			else {
				bytes[length++] = (byte) c;
			}
		}
		return new String(bytes, 0, length, StandardCharsets.UTF_8);
	}

}
