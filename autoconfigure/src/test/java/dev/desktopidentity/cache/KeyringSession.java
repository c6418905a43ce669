package dev.desktopidentity.cache;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A D-Bus session bus of its own with GNOME Keyring unlocked in it, for as long as the
 * test holds it: {@code dbus-run-session} runs a shell that starts the keyring, prints
 * the bus address and waits for its standard input to close.
 */
final class KeyringSession implements AutoCloseable {

	static final String LOGIN_COLLECTION = "/org/freedesktop/secrets/collection/login";

	private static final String NO_SERVICES_BUS = """
			<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
			 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
			<busconfig>
			  <type>session</type>
			  <listen>unix:tmpdir=/tmp</listen>
			  <policy context="default">
			    <allow send_destination="*"/>
			    <allow receive_sender="*"/>
			    <allow own="*"/>
			  </policy>
			</busconfig>
			""";

	private final Process process;

	private final String address;

	private final Path home;

	private KeyringSession(Process process, String address, Path home) {
		this.process = process;
		this.address = address;
		this.home = home;
	}

	/**
	 * Start a bus with the keyring, or a bus without a Secret Service: one that starts no
	 * service on demand, as a session bus does with the keyring's D-Bus service file.
	 * @param home the directory for the keyring's files
	 * @param keyring whether to start GNOME Keyring on the bus
	 * @return the session
	 * @throws IOException if the bus does not start
	 * @see #requireCommands()
	 */
	static KeyringSession start(Path home, boolean keyring) throws IOException {
		requireCommands();
		Files.createDirectories(home);
		List<String> command = new ArrayList<>(List.of("dbus-run-session"));
		String start = "";
		if (keyring) {
			start = "printf pw | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null || exit 1; ";
		}
		else {
			command.add("--config-file=" + Files.writeString(home.resolve("bus.conf"), NO_SERVICES_BUS));
		}
		command.addAll(List.of("--", "sh", "-c", start + "echo \"BUS $DBUS_SESSION_BUS_ADDRESS\"; cat >/dev/null"));
		ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
		builder.environment().put("XDG_DATA_HOME", home.toString());
		Process process = builder.start();
		BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String line = output.readLine();
		if (line == null || !line.startsWith("BUS ")) {
			process.destroyForcibly();
			throw new IOException("dbus-run-session did not start a bus (" + line + ")");
		}
		return new KeyringSession(process, line.substring(4), home);
	}

	/**
	 * Skip the test if the commands a keyring session needs are missing, or fail it on
	 * CI, which must install them.
	 */
	static void requireCommands() {
		String[] commands = { "dbus-run-session", "gnome-keyring-daemon", "secret-tool" };
		Map<String, Boolean> found = new HashMap<>();
		for (String command : commands) {
			found.put(command, System.getenv("PATH") != null && java.util.Arrays
				.stream(System.getenv("PATH").split(java.io.File.pathSeparator))
				.anyMatch((directory) -> Files.isExecutable(Path.of(directory, command))));
		}
		boolean all = !found.containsValue(false);
		if (!all && "true".equals(System.getenv("CI"))) {
			throw new AssertionError("CI must install " + found + " (see .ci/run)");
		}
		Assumptions.assumeTrue(all, () -> "Needs " + found);
	}

	String address() {
		return this.address;
	}

	Path socket() {
		Path socket = DBusAddress.sessionBusSocket(Map.of("DBUS_SESSION_BUS_ADDRESS", this.address));
		if (socket == null) {
			throw new IllegalStateException("The bus is not at a socket file: " + this.address);
		}
		return socket;
	}

	/**
	 * Connect a Secret Service that hangs: a client of this bus that owns the service's
	 * name and never reads what it is sent.
	 * @return its connection, to close when done
	 * @throws DBusException if the bus refuses
	 */
	DBusConnection silentSecretService() throws DBusException {
		DBusConnection silent = DBusConnection.open(socket(), Duration.ofSeconds(10));
		silent.call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "RequestName", "su",
				List.of("org.freedesktop.secrets", 0), "u");
		return silent;
	}

	/**
	 * Run {@code secret-tool} on this bus.
	 * @param input what to write to its standard input
	 * @param arguments its arguments
	 * @return what it printed
	 * @throws Exception if it fails
	 */
	String secretTool(String input, String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("secret-tool"));
		command.addAll(List.of(arguments));
		return run(command, input);
	}

	/**
	 * Lock a collection, as the keyring does when the screen locks.
	 * @param collection the collection's object path
	 * @throws Exception if it fails
	 */
	void lock(String collection) throws Exception {
		run(List.of("dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.secrets",
				"/org/freedesktop/secrets", "org.freedesktop.Secret.Service.Lock", "array:objpath:" + collection), "");
	}

	/**
	 * Replace the keyring's daemon with a new one, unlocked with the same password, as
	 * when the user's desktop session restarts it; the bus stays.
	 * @throws Exception if it fails
	 */
	void restartKeyring() throws Exception {
		run(List.of("sh", "-c",
				"printf pw | gnome-keyring-daemon --replace --unlock --components=secrets --daemonize >/dev/null"),
				"");
	}

	private String run(List<String> command, String input) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("DBUS_SESSION_BUS_ADDRESS", this.address);
		builder.environment().put("XDG_DATA_HOME", this.home.toString());
		Process process = builder.start();
		process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
		process.getOutputStream().close();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException(command + " did not exit within 30 s");
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.exitValue() != 0) {
			throw new IllegalStateException(command + " failed: " + output);
		}
		return output;
	}

	@Override
	public void close() throws InterruptedException {
		try {
			this.process.getOutputStream().close();
		}
		catch (IOException ex) {
			// It has gone already
		}
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
