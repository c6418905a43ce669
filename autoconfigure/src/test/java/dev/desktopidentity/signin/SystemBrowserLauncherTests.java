package dev.desktopidentity.signin;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for {@link SystemBrowserLauncher}: which opener it chooses, given the operating
 * system and the environment, recorded instead of started.
 */
class SystemBrowserLauncherTests {

	private static final URI URL = URI
		.create("https://login.example/authorize?client_id=c&redirect_uri=http%3A%2F%2Flocalhost%3A1&state=s'1");

	private final List<List<String>> started = new ArrayList<>();

	private OptionalInt status = OptionalInt.of(0);

	@TempDir
	private Path bin;

	@TempDir
	private Path otherBin;

	@Test
	void openWhenWindowsThenRundll32FromSystemRoot() throws IOException {
		launcher("Windows 11", Map.of("SystemRoot", "C:\\Windows")).open(URL);
		assertThat(this.started)
			.containsExactly(List.of("C:\\Windows\\System32\\rundll32.exe", "url.dll,FileProtocolHandler", URL.toString()));
	}

	@Test
	void openWhenWindowsWithoutSystemRootThenRundll32() throws IOException {
		launcher("Windows Server 2022", Map.of()).open(URL);
		assertThat(this.started).containsExactly(List.of("rundll32", "url.dll,FileProtocolHandler", URL.toString()));
	}

	@Test
	void openWhenMacOsThenOpen() throws IOException {
		launcher("Mac OS X", Map.of("PATH", this.bin.toString())).open(URL);
		assertThat(this.started).containsExactly(List.of("/usr/bin/open", URL.toString()));
	}

	@Test
	@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Builds Unix PATH directories")
	void openWhenWslWithWslviewThenWslview() throws IOException {
		Path wslview = executable(this.bin, "wslview");
		executable(this.bin, "explorer.exe");
		executable(this.bin, "xdg-open");
		launcher("Linux", Map.of("WSL_DISTRO_NAME", "Ubuntu", "PATH", this.bin.toString())).open(URL);
		assertThat(this.started).containsExactly(List.of(wslview.toString(), URL.toString()));
	}

	@Test
	@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Builds Unix PATH directories")
	void openWhenWslWithoutWslviewThenExplorerAndItsExitStatusIgnored() throws IOException {
		Path explorer = executable(this.otherBin, "explorer.exe");
		executable(this.bin, "xdg-open");
		this.status = OptionalInt.of(1);
		launcher("Linux", Map.of("WSL_INTEROP", "/run/WSL/1_interop", "PATH", this.bin + ":" + this.otherBin))
			.open(URL);
		assertThat(this.started).containsExactly(List.of(explorer.toString(), URL.toString()));
	}

	@Test
	@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Builds Unix PATH directories")
	void openWhenWslviewFailsThenIOExceptionNamingWslview() throws IOException {
		executable(this.bin, "wslview");
		this.status = OptionalInt.of(1);
		assertThatIOException()
			.isThrownBy(() -> launcher("Linux", Map.of("WSL_DISTRO_NAME", "Ubuntu", "PATH", this.bin.toString()))
				.open(URL))
			.withMessageContaining("wslview' exited with status 1")
			.withMessageNotContaining("login.example");
	}

	@Test
	@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Builds Unix PATH directories")
	void openWhenNotWslThenExplorerNotConsidered() throws IOException {
		executable(this.bin, "explorer.exe");
		Path xdgOpen = executable(this.bin, "xdg-open");
		launcher("Linux", Map.of("PATH", this.bin.toString())).open(URL);
		assertThat(this.started).containsExactly(List.of(xdgOpen.toString(), URL.toString()));
	}

	@Test
	@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Builds Unix PATH directories")
	void openWhenBrowserVariableThenFirstCommandFoundWithUrlForPercentS() throws IOException {
		executable(this.bin, "xdg-open");
		Path firefox = executable(this.otherBin, "firefox");
		launcher("Linux",
				Map.of("BROWSER", "missing-browser:firefox --new-tab=%s --private:xdg-open", "PATH",
						this.bin + ":" + this.otherBin))
			.open(URL);
		assertThat(this.started)
			.containsExactly(List.of(firefox.toString(), "--new-tab=" + URL, "--private"));
	}

	@Test
	@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Builds Unix PATH directories")
	void openWhenBrowserVariableWithoutPercentSThenUrlAppended() throws IOException {
		Path browser = executable(this.otherBin, "my-browser");
		launcher("FreeBSD", Map.of("BROWSER", browser + " --flag", "PATH", this.bin.toString())).open(URL);
		assertThat(this.started).containsExactly(List.of(browser.toString(), "--flag", URL.toString()));
	}

	@Test
	@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Builds Unix PATH directories")
	void openWhenLinuxThenXdgOpenFromPath() throws IOException {
		executable(this.otherBin, "gio");
		Path xdgOpen = executable(this.otherBin, "xdg-open");
		launcher("Linux", Map.of("BROWSER", "", "PATH", this.bin + ":" + this.otherBin)).open(URL);
		assertThat(this.started).containsExactly(List.of(xdgOpen.toString(), URL.toString()));
	}

	@Test
	@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Builds Unix PATH directories")
	void openWhenLinuxWithoutXdgOpenThenGioOpen() throws IOException {
		Path gio = executable(this.bin, "gio");
		executable(this.bin, "sensible-browser");
		launcher("Linux", Map.of("PATH", this.bin.toString())).open(URL);
		assertThat(this.started).containsExactly(List.of(gio.toString(), "open", URL.toString()));
	}

	@Test
	@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Builds Unix PATH directories")
	void openWhenCandidateNotExecutableOrRelativePathThenSkipped() throws IOException {
		Files.createFile(this.bin.resolve("xdg-open"));
		Path kdeOpen = executable(this.otherBin, "kde-open");
		launcher("Linux", Map.of("PATH", this.bin + "::relative/bin:" + this.otherBin)).open(URL);
		assertThat(this.started).containsExactly(List.of(kdeOpen.toString(), URL.toString()));
	}

	@Test
	@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Builds Unix PATH directories")
	void openWhenOpenerFailsThenIOExceptionNamingOpenerWithoutUrl() throws IOException {
		Path xdgOpen = executable(this.bin, "xdg-open");
		this.status = OptionalInt.of(3);
		assertThatIOException()
			.isThrownBy(() -> launcher("Linux", Map.of("PATH", this.bin.toString())).open(URL))
			.withMessage("'" + xdgOpen + "' exited with status 3");
	}

	@Test
	@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Builds Unix PATH directories")
	void openWhenOpenerStillRunningThenLaunched() throws IOException {
		executable(this.bin, "xdg-open");
		this.status = OptionalInt.empty();
		launcher("Linux", Map.of("PATH", this.bin.toString())).open(URL);
		assertThat(this.started).hasSize(1);
	}

	@Test
	@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Builds Unix PATH directories")
	void openWhenNothingFoundThenIOExceptionWithoutUrl() {
		assertThatIOException()
			.isThrownBy(() -> launcher("Linux", Map.of("WSL_DISTRO_NAME", "Ubuntu", "BROWSER", "w3m",
					"PATH", this.bin.toString())).open(URL))
			.withMessage("No program to open a browser was found (tried wslview, explorer.exe, w3m, xdg-open, gio, "
					+ "sensible-browser, x-www-browser, gnome-open, kde-open). Open the URL yourself.");
		assertThat(this.started).isEmpty();
	}

	@Test
	@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Builds Unix PATH directories")
	void openWhenNoPathThenIOException() {
		assertThatIOException().isThrownBy(() -> launcher("Linux", Map.of()).open(URL))
			.withMessageStartingWith("No program to open a browser was found");
	}

	private SystemBrowserLauncher launcher(String osName, Map<String, String> environment) {
		return new SystemBrowserLauncher(osName, environment, (command) -> {
			this.started.add(command);
			return this.status;
		});
	}

	private static Path executable(Path directory, String name) throws IOException {
		return Files.createFile(directory.resolve(name),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
	}

}
