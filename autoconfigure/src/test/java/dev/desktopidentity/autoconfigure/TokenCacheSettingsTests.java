package dev.desktopidentity.autoconfigure;

import java.nio.file.Path;
import java.util.Map;

import dev.desktopidentity.cache.CacheProtection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TokenCacheSettings}.
 */
class TokenCacheSettingsTests {

	private static final String CLIENT_ID = "11111111-2222-3333-4444-555555555555";

	@Test
	@DisabledOnOs(value = OS.WINDOWS, disabledReason = "'/var/cache/alice' is not an absolute path on Windows")
	void directoryWhenLinuxWithXdgCacheHomeThenUnderIt() {
		assertThat(directory("Linux", Map.of("XDG_CACHE_HOME", "/var/cache/alice"), "/home/alice"))
			.isEqualTo(Path.of("/var/cache/alice/desktop-identity/" + CLIENT_ID));
	}

	@Test
	void directoryWhenLinuxWithoutXdgCacheHomeThenUnderDotCache() {
		assertThat(directory("Linux", Map.of(), "/home/alice"))
			.isEqualTo(Path.of("/home/alice/.cache/desktop-identity/" + CLIENT_ID));
	}

	@Test
	void directoryWhenXdgCacheHomeRelativeThenIgnoresIt() {
		assertThat(directory("Linux", Map.of("XDG_CACHE_HOME", "cache"), "/home/alice"))
			.isEqualTo(Path.of("/home/alice/.cache/desktop-identity/" + CLIENT_ID));
	}

	@Test
	void directoryWhenMacThenUnderLibraryCaches() {
		assertThat(directory("Mac OS X", Map.of(), "/Users/alice"))
			.isEqualTo(Path.of("/Users/alice/Library/Caches/desktop-identity/" + CLIENT_ID));
	}

	@Test
	void directoryWhenWindowsThenUnderLocalAppData() {
		assertThat(directory("Windows 11", Map.of("LOCALAPPDATA", "/c/Users/alice/AppData/Local"), "/c/Users/alice"))
			.isEqualTo(Path.of("/c/Users/alice/AppData/Local/desktop-identity/" + CLIENT_ID));
	}

	@Test
	void directoryWhenClientIdHasPathCharactersThenReplacesThem() {
		IdentityProperties properties = properties("../api://my app");
		assertThat(TokenCacheSettings.of(properties, "Linux", Map.of(), "/home/alice").directory())
			.isEqualTo(Path.of("/home/alice/.cache/desktop-identity/.._api___my_app"));
	}

	@Test
	void ofWhenProtectionSetThenMode() {
		IdentityProperties properties = properties(CLIENT_ID);
		properties.getCache().setProtection(CacheProtection.NONE);
		assertThat(TokenCacheSettings.of(properties, "Linux", Map.of(), "/home/alice").mode())
			.isEqualTo(CacheProtection.NONE);
	}

	@Test
	void ofWhenClientIdMissingThenFailsNamingIt() {
		assertThatExceptionOfType(InvalidIdentityPropertyException.class)
			.isThrownBy(() -> TokenCacheSettings.of(new IdentityProperties(), "Linux", Map.of(), "/home/alice"))
			.satisfies((ex) -> assertThat(ex.getPropertyName()).isEqualTo("identity.client-id"));
	}

	private static Path directory(String os, Map<String, String> environment, String home) {
		return TokenCacheSettings.of(properties(CLIENT_ID), os, environment, home).directory();
	}

	private static IdentityProperties properties(String clientId) {
		IdentityProperties properties = new IdentityProperties();
		properties.setClientId(clientId);
		return properties;
	}

}
