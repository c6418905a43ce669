package dev.desktopidentity.cache;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LibSecretStore}'s report of a libsecret it cannot call.
 */
class LibSecretStoreTests {

	@Test
	void unavailableWhenJnaIsMissingThenSaysToAddJna() {
		NoClassDefFoundError missing = new NoClassDefFoundError("com/sun/jna/Library");
		assertThat(LibSecretStore.unavailable(missing))
			.hasMessageContaining("net.java.dev.jna:jna is not on the class path")
			.hasMessageNotContaining("not installed")
			.hasCause(missing);
	}

	@Test
	void unavailableWhenLibsecretIsMissingThenSaysItIsNotInstalled() {
		UnsatisfiedLinkError missing = new UnsatisfiedLinkError("Unable to load library 'libsecret-1.so.0'");
		assertThat(LibSecretStore.unavailable(missing))
			.hasMessage("libsecret is not installed (Unable to load library 'libsecret-1.so.0')")
			.hasCause(missing);
	}

}
