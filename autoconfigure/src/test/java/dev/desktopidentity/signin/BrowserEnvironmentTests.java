package dev.desktopidentity.signin;

import java.util.Map;
import java.util.OptionalInt;

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
	void windowsInAUsersSessionThenBrowser() {
		assertThat(BrowserEnvironment.of("Windows 11", Map.of("SESSIONNAME", "Console"), OptionalInt.of(1)).canOpen())
			.isTrue();
	}

	@Test
	void windowsInSessionZeroThenNoBrowserSayingWhy() {
		BrowserEnvironment environment = BrowserEnvironment.of("Windows Server 2022", Map.of(), OptionalInt.of(0));
		assertThat(environment.canOpen()).isFalse();
		assertThat(environment.reason()).contains("session 0");
	}

	@Test
	void windowsOverSshThenNoBrowserSayingSsh() {
		BrowserEnvironment environment = BrowserEnvironment.of("Windows 11",
				Map.of("SSH_CLIENT", "10.0.0.1 50000 22", "SSH_CONNECTION", "10.0.0.1 50000 10.0.0.2 22"),
				OptionalInt.of(2));
		assertThat(environment.canOpen()).isFalse();
		assertThat(environment.reason()).contains("SSH");
	}

	@Test
	void macosThenBrowser() {
		assertThat(BrowserEnvironment.of("Mac OS X", Map.of("TERM_PROGRAM", "Apple_Terminal")).canOpen()).isTrue();
	}

	@Test
	void macosOverSshThenNoBrowserSayingSsh() {
		BrowserEnvironment environment = BrowserEnvironment.of("Mac OS X",
				Map.of("SSH_CONNECTION", "10.0.0.1 5 10.0.0.2 22", "DISPLAY", "localhost:10.0"));
		assertThat(environment.canOpen()).isFalse();
		assertThat(environment.reason()).contains("SSH", "Mac");
	}

	@Test
	void currentThenJudgesThisMachine() {
		BrowserEnvironment environment = BrowserEnvironment.current();
		assertThat(environment.canOpen()).isEqualTo(environment.reason() == null);
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
