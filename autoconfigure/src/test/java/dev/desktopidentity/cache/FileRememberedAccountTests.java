package dev.desktopidentity.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.desktopidentity.SignedInAccount;
import org.junit.jupiter.api.Test;
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
	void homeAccountIdWhenFileDamagedThenNull() throws IOException {
		Files.write(this.temp.resolve(FileRememberedAccount.FILE), new byte[] { '\\', 'u', '1' });
		assertThat(new FileRememberedAccount(this.temp).homeAccountId()).isNull();
	}

}
