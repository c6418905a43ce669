package dev.desktopidentity.samples.desktop.demo;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import dev.desktopidentity.samples.demo.DemoApi;
import dev.desktopidentity.samples.demo.DemoMode;
import dev.desktopidentity.samples.desktop.SampleProcess;
import dev.desktopidentity.samples.desktop.VirtualDisplay;
import dev.desktopidentity.test.Endpoint;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.ScriptedUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The desktop sample as a person uses it: a second JVM shows the window on an Xvfb
 * display of the test's own, and the test finds the window by its title and presses the
 * buttons with real key presses (their mnemonics, through xdotool). Sign-in uses a device
 * code: the test reads the code the window shows (echoed to standard output with
 * {@code sample.echo-window}, as the test cannot read the screen) and a scripted user
 * enters it at the local identity provider that the test runs, as a person would on
 * their phone. The local API checks the token.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Shows the window on an Xvfb display driven with xdotool (see .ci/run)")
class DesktopSampleTests {

	private static final String TITLE = "desktop-identity desktop sample";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(45);

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private static final Path SCREENSHOT = Path.of("target", "desktop-sample.png");

	private final List<AutoCloseable> resources = new ArrayList<>();

	private LocalIdentityProvider provider;

	@TempDir
	private Path cache;

	private DemoApi api;

	private VirtualDisplay display;

	private SampleProcess sample;

	@BeforeEach
	void start() throws IOException {
		Files.createDirectories(SCREENSHOT.getParent());
		Files.deleteIfExists(SCREENSHOT);
		this.provider = closeLater(LocalIdentityProvider.builder()
			.user(DemoMode.USERNAME, DemoMode.PASSWORD, "Demo User")
			.start());
		this.api = closeLater(DemoApi.start(this.provider));
		this.display = closeLater(VirtualDisplay.start(Path.of("target", "xvfb.log")));
		List<String> arguments = new ArrayList<>(List.of("--identity.client-id=desktop-identity-demo",
				"--identity.scopes=" + DemoApi.AUDIENCE + "/Items.Read", "--identity.interactive.mode=device-code",
				"--sample.api-url=" + this.api.url(), "--sample.echo-window=true",
				"--identity.resources.api.base-url=" + this.api.url(),
				"--identity.resources.api.scopes=" + DemoApi.AUDIENCE + "/Items.Read",
				"--identity.cache.location=" + this.cache.toAbsolutePath(), "--identity.cache.protection=none"));
		for (Map.Entry<String, Object> property : this.provider.springProperties("test-provider").entrySet()) {
			arguments.add("--" + property.getKey() + "=" + property.getValue());
		}
		this.sample = closeLater(SampleProcess.start(this.display, arguments, Path.of("target", "desktop-sample.log")));
	}

	@AfterEach
	void stop() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	void windowWhenSignedInWithDeviceCodeThenShowsUserCallsApiAndSignsOut() throws Exception {
		this.sample.awaitOutput("\\[window\\] message: Press Sign in", STARTUP_TIMEOUT);
		VirtualDisplay.Window window = this.display.awaitWindow(TITLE);

		press(window, "alt+i", "\\[window\\] message: Signing in");
		String userCode = this.sample.awaitOutput("enter the code (\\S+)", TIMEOUT).group(1);
		ScriptedUser.of(this.provider, DemoMode.USERNAME, DemoMode.PASSWORD).completeDeviceCode(userCode);
		this.sample.awaitOutput("\\[window\\] account: Signed in as " + DemoMode.USERNAME, TIMEOUT);

		press(window, "alt+a", "\\[window\\] message: Calling " + this.api.url());
		this.sample.awaitOutput("answered: \\{\"owner\":\"Demo User\",\"items\":\\[", TIMEOUT);
		this.display.screenshot(SCREENSHOT);
		assertThat(this.provider.requests().count(Endpoint.DEVICE_CODE)).isOne();

		press(window, "alt+o", "\\[window\\] account: Not signed in");
		this.sample.awaitOutput("\\[window\\] message: Signed out", TIMEOUT);
		press(window, "alt+a", "\\[window\\] message: Calling " + this.api.url());
		this.sample.awaitOutput("enter the code (\\S+)", TIMEOUT);
		assertThat(this.provider.requests().count(Endpoint.DEVICE_CODE)).isEqualTo(2);

		BufferedImage screenshot = ImageIO.read(SCREENSHOT.toFile());
		assertThat(screenshot.getWidth()).isEqualTo(1024);
		// The screen is black where there is no window.
		assertThat(screenshot.getRGB(window.x() + window.width() / 2, window.y() + window.height() / 2) & 0xFFFFFF)
			.isNotZero();
	}

	/**
	 * Focus the window by clicking in its message area, press the keys, and see the
	 * window react; the first click can come before the window accepts the focus.
	 */
	private void press(VirtualDisplay.Window window, String keys, String reaction) throws InterruptedException {
		for (int attempt = 0; attempt < 3 && !this.sample.hasOutput(reaction); attempt++) {
			this.display.click(window, window.width() / 2, window.height() - 20);
			this.display.key(keys);
			for (int wait = 0; wait < 30 && !this.sample.hasOutput(reaction); wait++) {
				Thread.sleep(100);
			}
		}
		this.sample.awaitOutput(reaction, TIMEOUT);
	}

	private <T extends AutoCloseable> T closeLater(T resource) {
		this.resources.add(resource);
		return resource;
	}

}
