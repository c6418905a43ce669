package dev.desktopidentity.cache;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link KeychainStore}: the {@code security} commands it runs, recorded by a
 * stand-in that answers as {@code security} does; {@code KeychainStoreMacTests} runs the
 * real one on macOS.
 */
class KeychainStoreTests {

	private static final String CLIENT_ID = "11111111-2222-3333-4444-555555555555";

	private static final Path DIRECTORY = Path.of("/Users/alice/Library/Caches/desktop-identity/client");

	private static final byte[] KEY = HexFormat.of()
		.parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

	private final List<Call> calls = new ArrayList<>();

	private CommandRunner.Result answer = new CommandRunner.Result(0, "", "");

	@Test
	void writeWhenKeyStoredThenKeyOnlyOnStandardInputOfInteractiveSecurity() throws Exception {
		store(DIRECTORY).write(KEY);
		Call call = this.calls.get(0);
		assertThat(call.command()).containsExactly("/usr/bin/security", "-i");
		assertThat(String.join(" ", call.command())).doesNotContain(HexFormat.of().formatHex(KEY));
		assertThat(call.input()).endsWith("\n");
		assertThat(splitLine(call.input())).containsExactly("add-generic-password", "-U", "-s",
				"desktop-identity:" + CLIENT_ID, "-a", DIRECTORY.toString(), "-l",
				"desktop-identity token cache key (" + CLIENT_ID + ")", "-w", HexFormat.of().formatHex(KEY));
		assertThat(call.timeout()).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void writeWhenNamesHaveQuotesBackslashesSpacesAndLineBreaksThenSecurityParsesThemBack() throws Exception {
		Path odd = Path.of("/Users/o'brien/My \"Caches\"\\x/ünï\ncode");
		store(odd).write(KEY);
		List<String> arguments = splitLine(this.calls.get(0).input());
		assertThat(arguments).hasSize(10);
		assertThat(arguments.get(5)).isEqualTo("/Users/o'brien/My \"Caches\"\\x/ünï?code");
		store(odd).read();
		assertThat(this.calls.get(1).command()).contains("/Users/o'brien/My \"Caches\"\\x/ünï?code");
	}

	@Test
	void writeWhenPathTooLongForSecurityLineThenFailsNamingTheSetting() {
		Path deep = Path.of("/" + "d".repeat(4000));
		assertThatExceptionOfType(SecretStoreException.class).isThrownBy(() -> store(deep).write(KEY))
			.withMessageContaining("identity.cache.location");
		assertThat(this.calls).isEmpty();
	}

	@Test
	void readWhenItemExistsThenKeyFromPasswordOnlyOutput() throws Exception {
		this.answer = new CommandRunner.Result(0, HexFormat.of().formatHex(KEY) + "\n", "");
		assertThat(store(DIRECTORY).read()).isEqualTo(KEY);
		assertThat(this.calls.get(0).command()).containsExactly("/usr/bin/security", "find-generic-password", "-s",
				"desktop-identity:" + CLIENT_ID, "-a", DIRECTORY.toString(), "-w");
		assertThat(this.calls.get(0).input()).isNull();
	}

	@Test
	void readWhenNoItemThenNoKey() throws Exception {
		this.answer = new CommandRunner.Result(44, "",
				"security: SecKeychainSearchCopyNext: The specified item could not be found in the keychain.\n");
		assertThat(store(DIRECTORY).read()).isNull();
	}

	@Test
	void readWhenItemIsNotAKeyThenNoKey() throws Exception {
		this.answer = new CommandRunner.Result(0, "hunter2\n", "");
		assertThat(store(DIRECTORY).read()).isNull();
		this.answer = new CommandRunner.Result(0, "z".repeat(64) + "\n", "");
		assertThat(store(DIRECTORY).read()).isNull();
	}

	@Test
	void readWhenKeychainLockedWithoutPromptThenFailsSayingSo() {
		this.answer = new CommandRunner.Result(36, "", "");
		assertThatExceptionOfType(SecretStoreException.class).isThrownBy(() -> store(DIRECTORY).read())
			.withMessage("cannot read the token cache key from the macOS keychain: the keychain is locked and "
					+ "cannot ask for its password here (errSecInteractionNotAllowed)");
	}

	@Test
	void readWhenUserDeniesAccessThenFailsSayingSo() {
		this.answer = new CommandRunner.Result(128, "", "");
		assertThatExceptionOfType(SecretStoreException.class).isThrownBy(() -> store(DIRECTORY).read())
			.withMessageContaining("denied in the prompt");
	}

	@Test
	void writeWhenSecurityFailsThenMessageHasItsErrorButNeverTheKey() {
		String hex = HexFormat.of().formatHex(KEY);
		this.answer = new CommandRunner.Result(51, "",
				"security: SecKeychainItemCreateFromContent (<default>): " + hex + " rejected\nmore\n");
		assertThatExceptionOfType(SecretStoreException.class).isThrownBy(() -> store(DIRECTORY).write(KEY))
			.withMessage("cannot save the token cache key in the macOS keychain: the keychain password was not "
					+ "given or was wrong (errSecAuthFailed) (security: SecKeychainItemCreateFromContent "
					+ "(<default>): *** rejected)");
	}

	@Test
	void readWhenSecurityDoesNotAnswerThenFails() {
		CommandRunner hanging = (command, input, timeout) -> {
			throw new java.io.IOException("'/usr/bin/security' did not exit within 7000 ms");
		};
		assertThatExceptionOfType(SecretStoreException.class)
			.isThrownBy(() -> new KeychainStore(CLIENT_ID, DIRECTORY, hanging, Duration.ofSeconds(7)).read())
			.withMessageContaining("did not exit within 7000 ms");
	}

	@Test
	void deleteWhenItemExistsOrNotThenDone() throws Exception {
		store(DIRECTORY).delete();
		this.answer = new CommandRunner.Result(44, "", "");
		store(DIRECTORY).delete();
		assertThat(this.calls).extracting(Call::command)
			.containsOnly(List.of("/usr/bin/security", "delete-generic-password", "-s", "desktop-identity:" + CLIENT_ID,
					"-a", DIRECTORY.toString()));
		this.answer = new CommandRunner.Result(36, "", "");
		assertThatExceptionOfType(SecretStoreException.class).isThrownBy(() -> store(DIRECTORY).delete());
	}

	private KeychainStore store(Path directory) {
		return new KeychainStore(CLIENT_ID, directory, (command, input, timeout) -> {
			this.calls.add(new Call(command, input, timeout));
			return this.answer;
		}, Duration.ofSeconds(7));
	}

	/**
	 * Split a line as {@code security -i} does (SecurityTool's {@code split_line}):
	 * arguments separated by white space, in single or double quotes or bare, a backslash
	 * taking the next character as it is.
	 */
	private static List<String> splitLine(@Nullable String input) {
		assertThat(input).isNotNull().endsWith("\n").hasLineCount(1);
		String line = input.substring(0, input.length() - 1);
		List<String> arguments = new ArrayList<>();
		StringBuilder current = null;
		int quote = 0;
		boolean escaped = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (current == null) {
				if (Character.isWhitespace(c)) {
					continue;
				}
				current = new StringBuilder();
				if (c == '"' || c == '\'') {
					quote = c;
					continue;
				}
				quote = 0;
			}
			if (escaped) {
				current.append(c);
				escaped = false;
			}
			else if (c == '\\') {
				escaped = true;
			}
			else if ((quote != 0 && c == quote) || (quote == 0 && Character.isWhitespace(c))) {
				arguments.add(current.toString());
				current = null;
			}
			else {
				current.append(c);
			}
		}
		if (current != null) {
			arguments.add(current.toString());
		}
		assertThat(arguments).as("security -i takes at most 32 arguments").hasSizeLessThanOrEqualTo(32);
		return arguments;
	}

	private record Call(List<String> command, @Nullable String input, Duration timeout) {

	}

}
