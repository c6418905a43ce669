package dev.desktopidentity.signin;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BrowserEnvironment}.
 */
class BrowserEnvironmentTests {

	@Test
	void windowsThenBrowser() {
		assertThat(BrowserEnvironment.of("Windows 11", Map.of()).canOpen()).isTrue();
	}

	@Test
	void macosThenBrowser() {
		assertThat(BrowserEnvironment.of("Mac OS X", Map.of("SSH_CONNECTION", "10.0.0.1 5 10.0.0.2 22")).canOpen())
			.isTrue();
	}

	@Test
	void linuxWithX11DisplayThenBrowser() {
		assertThat(BrowserEnvironment.of("Linux", Map.of("DISPLAY", ":0")).canOpen()).isTrue();
	}

	@Test
	void linuxWithWaylandThenBrowser() {
		assertThat(BrowserEnvironment.of("Linux", Map.of("WAYLAND_DISPLAY", "wayland-0")).canOpen()).isTrue();
	}

	@Test
	void linuxOverSshWithForwardedDisplayThenBrowser() {
		assertThat(BrowserEnvironment.of("Linux", Map.of("SSH_CONNECTION", "a", "DISPLAY", "localhost:10.0")).canOpen())
			.isTrue();
	}

	@Test
	void linuxOverSshWithoutDisplayThenNoBrowserSayingSsh() {
		BrowserEnvironment environment = BrowserEnvironment.of("Linux", Map.of("SSH_TTY", "/dev/pts/1"));
		assertThat(environment.canOpen()).isFalse();
		assertThat(environment.reason()).contains("SSH");
	}

	@Test
	void wslThenBrowserThroughWindows() {
		assertThat(BrowserEnvironment.of("Linux", Map.of("WSL_DISTRO_NAME", "Ubuntu")).canOpen()).isTrue();
	}

	@Test
	void linuxWithBrowserVariableThenBrowser() {
		assertThat(BrowserEnvironment.of("Linux", Map.of("BROWSER", "w3m")).canOpen()).isTrue();
	}

	@Test
	void containerWithoutDisplayThenNoBrowserSayingSo() {
		BrowserEnvironment environment = BrowserEnvironment.of("Linux", Map.of("DISPLAY", ""));
		assertThat(environment.canOpen()).isFalse();
		assertThat(environment.reason()).contains("DISPLAY");
	}

	@Test
	void freeBsdWithDisplayThenBrowser() {
		assertThat(BrowserEnvironment.of("FreeBSD", Map.of("DISPLAY", ":1")).canOpen()).isTrue();
	}

}
