package dev.desktopidentity.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import dev.desktopidentity.SignedInAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FileRememberedAccount}.
 */
class FileRememberedAccountTests {

	@TempDir
	Path temp;

	@Test
	void homeAccountIdWhenNothingRememberedThenNullAndNoFile() {
		assertThat(new FileRememberedAccount(this.temp.resolve("cache")).homeAccountId()).isNull();
		assertThat(this.temp.resolve("cache")).doesNotExist();
	}

	@Test
	void rememberThenNextInstanceKnowsTheAccountFromAPrivateFileWithoutSecrets() throws IOException {
		Path directory = this.temp.resolve("cache");
		new FileRememberedAccount(directory)
			.remember(new SignedInAccount("zoë@contoso.test", "uid.tid", "login.microsoftonline.com"));
		FileRememberedAccount next = new FileRememberedAccount(directory);
		assertThat(next.homeAccountId()).isEqualTo("uid.tid");
		assertThat(next.username()).isEqualTo("zoë@contoso.test");
		Path file = directory.resolve(FileRememberedAccount.FILE);
		TestCaches.assertReadableOnlyByOwner(file);
		TestCaches.assertReadableOnlyByOwner(directory);
		assertThat(Files.readAllLines(file)).filteredOn((line) -> !line.startsWith("#"))
			.extracting((line) -> line.substring(0, line.indexOf('=')))
			.containsExactlyInAnyOrder("home-account-id", "username");
	}

	@Test
	void forgetThenNothingRemembered() {
		FileRememberedAccount remembered = new FileRememberedAccount(this.temp);
		remembered.remember(new SignedInAccount("alice@contoso.test", "uid.tid", "login.microsoftonline.com"));
		remembered.forget();
		assertThat(remembered.homeAccountId()).isNull();
		assertThat(this.temp.resolve(FileRememberedAccount.FILE)).doesNotExist();
	}

	@Test
	@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Windows files have no identity (fileKey) to compare")
	void rememberWhenSameAccountThenFileNotWrittenAgain() throws IOException {
		FileRememberedAccount remembered = new FileRememberedAccount(this.temp);
		SignedInAccount alice = new SignedInAccount("alice@contoso.test", "uid.tid", "login.microsoftonline.com");
		remembered.remember(alice);
		Path file = this.temp.resolve(FileRememberedAccount.FILE);
		Object written = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
		for (int i = 0; i < 10; i++) {
			remembered.remember(alice);
			new FileRememberedAccount(this.temp).remember(alice);
		}
		assertThat(Files.readAttributes(file, BasicFileAttributes.class).fileKey()).isEqualTo(written);
		remembered.remember(new SignedInAccount("alice.new@contoso.test", "uid.tid", "login.microsoftonline.com"));
		assertThat(Files.readAttributes(file, BasicFileAttributes.class).fileKey()).isNotEqualTo(written);
		assertThat(new FileRememberedAccount(this.temp).username()).isEqualTo("alice.new@contoso.test");
	}

	@Test
	void homeAccountIdWhenAnotherProcessRememberedOtherAccountThenReadsItAndLastKnownFollows() {
		FileRememberedAccount here = new FileRememberedAccount(this.temp);
		here.remember(new SignedInAccount("alice@contoso.test", "alice.tid", "login.microsoftonline.com"));
		new FileRememberedAccount(this.temp)
			.remember(new SignedInAccount("bob@contoso.test", "bob.tid", "login.microsoftonline.com"));
		// from memory until the file is read again
		assertThat(here.lastKnownHomeAccountId()).isEqualTo("alice.tid");
		assertThat(here.homeAccountId()).isEqualTo("bob.tid");
		assertThat(here.lastKnownHomeAccountId()).isEqualTo("bob.tid");
		here.forget();
		assertThat(here.lastKnownHomeAccountId()).isNull();
	}

	@Test
	void homeAccountIdWhenFileDamagedThenNull() throws IOException {
		Files.write(this.temp.resolve(FileRememberedAccount.FILE), new byte[] { '\\', 'u', '1' });
		assertThat(new FileRememberedAccount(this.temp).homeAccountId()).isNull();
	}

}
