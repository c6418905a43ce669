package dev.desktopidentity.cache;

import java.nio.file.Path;

import dev.desktopidentity.cache.OsSecretStores.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OsSecretStores} and the advice of {@link CacheBacking} for each
 * platform.
 */
class OsSecretStoresTests {

	private static final Path DIRECTORY = Path.of("cache").toAbsolutePath();

	@Test
	void forPlatformWhenWindowsThenDpapiKeyFileBesideTheCache() {
		assertThat(OsSecretStores.forPlatform("Windows 11", "client", DIRECTORY)).isInstanceOf(DpapiSecretStore.class)
			.extracting(SecretStore::name)
			.isEqualTo("key file protected by Windows DPAPI (msal-cache.key)");
		assertThat(OsSecretStores.forPlatform("Windows Server 2025", "client", DIRECTORY))
			.isInstanceOf(DpapiSecretStore.class);
	}

	@Test
	void forPlatformWhenMacOsThenKeychain() {
		assertThat(OsSecretStores.forPlatform("Mac OS X", "client", DIRECTORY)).isInstanceOf(KeychainStore.class)
			.extracting(SecretStore::name)
			.isEqualTo("macOS keychain");
	}

	@Test
	void forPlatformWhenLinuxOrBsdThenSecretService() {
		assertThat(OsSecretStores.forPlatform("Linux", "client", DIRECTORY)).isInstanceOf(SecretServiceStore.class);
		assertThat(OsSecretStores.forPlatform("FreeBSD", "client", DIRECTORY)).isInstanceOf(SecretServiceStore.class);
	}

	@Test
	void howToEnableThenSaysWhatEachPlatformNeeds() {
		assertThat(CacheBacking.howToEnable(Platform.WINDOWS)).contains("DPAPI", "profile", "service");
		assertThat(CacheBacking.howToEnable(Platform.MACOS)).contains("login keychain",
				"security unlock-keychain ~/Library/Keychains/login.keychain-db");
		assertThat(CacheBacking.howToEnable(Platform.OTHER)).contains("gnome-keyring", "Secret Service");
	}

	@Test
	void accessWhenStoreRefusesThenMessageNamesTheSettingsAndThisPlatformsRemedy(@TempDir Path directory) {
		PersistentTokenCache cache = TestCaches.protectedBy(directory, new TestCaches.MissingSecretStore(),
				CacheProtection.AUTO, false);
		assertThat(cache.status().description()).contains("identity.cache.protection=auto", "no test store",
				CacheBacking.howToEnable(Platform.current()), "identity.cache.allow-unprotected=true");
	}

}
