package dev.desktopidentity.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The cache key as a generic password in the user's default keychain on macOS (the login
 * keychain), through {@code /usr/bin/security}: service {@code desktop-identity:<client
 * ID>}, account the cache directory. The key is kept as 64 hexadecimal digits, which
 * {@code find-generic-password -w} prints as they are (it prints binary data as hex, but
 * text as text, so raw bytes would be ambiguous).
 * <p>
 * The key never appears on a command line, where other processes could read it:
 * {@code add-generic-password} runs in {@code security}'s interactive mode ({@code -i}),
 * which reads the command from standard input. ({@code add-generic-password -w} without a
 * value would prompt for it with {@code getpass}, which reads the terminal, not standard
 * input.) As the item is created by {@code security}, {@code security} is the application
 * the keychain trusts with it, so updating the JDK does not make macOS ask again.
 * <p>
 * A locked keychain that cannot ask for its password (over SSH), or a user who denies
 * access in the prompt, is a {@link SecretStoreException} saying so; an item that is not
 * a key of this store counts as none, and is replaced by the next key.
 */
final class KeychainStore implements SecretStore {

	static final String SECURITY = "/usr/bin/security";

	static final String SERVICE_PREFIX = "desktop-identity:";

	// security's interactive mode reads lines of at most 4095 characters
	private static final int MAX_LINE = 4000;

	private static final int KEY_DIGITS = 64;

	// The exit status of security is the low byte of the OSStatus it failed with
	private static final int ITEM_NOT_FOUND = -25300 & 0xFF;

	// What the OSStatus values that security exits with mean here
	private static final Map<Integer, String> FAILURES = Map.ofEntries(
			exitStatus(-25308, "the keychain is locked and cannot ask for its password here "
					+ "(errSecInteractionNotAllowed)"),
			exitStatus(-128, "access to the keychain item was denied in the prompt (errSecUserCanceled)"),
			exitStatus(-25293, "the keychain password was not given or was wrong (errSecAuthFailed)"),
			exitStatus(-25307, "there is no default keychain (errSecNoDefaultKeychain)"),
			exitStatus(-25294, "the default keychain does not exist (errSecNoSuchKeychain)"),
			exitStatus(-25315, "the keychain needs user interaction, which is not possible here "
					+ "(errSecInteractionRequired)"),
			exitStatus(-25299, "an item of that name exists and could not be updated; is the keychain locked? "
					+ "(errSecDuplicateItem)"));

	private final String service;

	private final String account;

	private final String label;

	private final CommandRunner runner;

	private final Duration timeout;

	KeychainStore(String clientId, Path directory, CommandRunner runner, Duration timeout) {
		this.service = printable(SERVICE_PREFIX + clientId);
		this.account = printable(directory.toString());
		this.label = printable("desktop-identity token cache key (" + clientId + ")");
		this.runner = runner;
		this.timeout = timeout;
	}

	@Override
	public String name() {
		return "macOS keychain";
	}

	@Override
	public byte @Nullable [] read() throws SecretStoreException {
		CommandRunner.Result result = run(
				List.of(SECURITY, "find-generic-password", "-s", this.service, "-a", this.account, "-w"), null,
				"read the token cache key from");
		if (result.exitStatus() == ITEM_NOT_FOUND) {
			return null;
		}
		if (result.exitStatus() != 0) {
			throw failure("read the token cache key from", result, null);
		}
		String hex = result.output().strip();
		if (hex.length() != KEY_DIGITS) {
			return null;
		}
		try {
			return HexFormat.of().parseHex(hex);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	@Override
	public void write(byte[] secret) throws SecretStoreException {
		String hex = HexFormat.of().formatHex(secret);
		String line = String.join(" ", "add-generic-password", "-U", "-s", quote(this.service), "-a",
				quote(this.account), "-l", quote(this.label), "-w", quote(hex)) + "\n";
		if (line.getBytes(StandardCharsets.UTF_8).length > MAX_LINE) {
			throw new SecretStoreException("the cache directory's path is too long to name a keychain item ("
					+ this.account.length() + " characters); set identity.cache.location to a shorter one");
		}
		CommandRunner.Result result = run(List.of(SECURITY, "-i"), line, "save the token cache key in");
		if (result.exitStatus() != 0) {
			throw failure("save the token cache key in", result, hex);
		}
	}

	@Override
	public void delete() throws SecretStoreException {
		CommandRunner.Result result = run(
				List.of(SECURITY, "delete-generic-password", "-s", this.service, "-a", this.account), null,
				"delete the token cache key from");
		if (result.exitStatus() != 0 && result.exitStatus() != ITEM_NOT_FOUND) {
			throw failure("delete the token cache key from", result, null);
		}
	}

	private CommandRunner.Result run(List<String> command, @Nullable String input, String action)
			throws SecretStoreException {
		try {
			return this.runner.run(command, input, this.timeout);
		}
		catch (IOException ex) {
			throw new SecretStoreException("cannot " + action + " the macOS keychain: " + ex.getMessage(), ex);
		}
	}

	private static SecretStoreException failure(String action, CommandRunner.Result result, @Nullable String secret) {
		String meaning = FAILURES.getOrDefault(result.exitStatus(), "security exited with status " + result.exitStatus());
		String error = result.error().strip();
		if (secret != null) {
			error = error.replace(secret, "***");
		}
		int end = error.indexOf('\n');
		error = (end < 0) ? error : error.substring(0, end);
		return new SecretStoreException("cannot " + action + " the macOS keychain: " + meaning
				+ (error.isEmpty() ? "" : " (" + error + ")"));
	}

	private static Map.Entry<Integer, String> exitStatus(int osStatus, String meaning) {
		return Map.entry(osStatus & 0xFF, meaning);
	}

	/**
	 * Quote an argument for the command line parser of {@code security -i}: single
	 * quotes, with a backslash before a backslash or a single quote.
	 */
	static String quote(String argument) {
		return "'" + argument.replace("\\", "\\\\").replace("'", "\\'") + "'";
	}

	// A line break would end the command early; the same name must be used everywhere
	private static String printable(String name) {
		StringBuilder result = new StringBuilder(name.length());
		name.codePoints().forEach((c) -> result.appendCodePoint(Character.isISOControl(c) ? '?' : c));
		return result.toString();
	}

}
