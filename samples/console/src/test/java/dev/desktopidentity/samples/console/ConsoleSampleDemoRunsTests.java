package dev.desktopidentity.samples.console;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import dev.desktopidentity.samples.demo.DemoMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's demo command run again and again, each run in a JVM of its own with no
 * graphical session and {@code identity.interactive.browser-command} set: the first run
 * opens the sign-in page with that command (a real headless Chromium signs in there), the
 * second is silent, {@code --status} shows the account and {@code --sign-out} signs out,
 * because the demo's identity provider keeps its keys and refresh tokens and the demo
 * keeps the persistent token cache.
 */
class ConsoleSampleDemoRunsTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	@TempDir
	Path cache;

	@TempDir
	Path bin;

	private ChromeDriver chromium;

	private Path opened;

	private Path browserCommand;

	@BeforeEach
	void startChromium(@TempDir Path profile) throws Exception {
		assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
			.as("Chromium and ChromeDriver are needed (apt-get install chromium chromium-driver)")
			.isTrue();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--no-first-run", "--disable-background-networking", "--user-data-dir=" + profile);
		this.chromium = new ChromeDriver(
				new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build(),
				options);
		this.opened = this.bin.resolve("opened");
		this.browserCommand = this.bin.resolve("open-browser");
		Files.writeString(this.browserCommand, "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '" + this.opened + "'\n");
		Files.setPosixFilePermissions(this.browserCommand, PosixFilePermissions.fromString("rwx------"));
	}

	@AfterEach
	void stopChromium() {
		this.chromium.quit();
	}

	@Test
	void demoWhenRunAgainThenSilentAndStatusShowsAccountAndSignOutSignsOut() throws Exception {
		AtomicReference<Throwable> browserFailure = new AtomicReference<>();
		SampleJvm.Run first = demo((line) -> {
			if (line.startsWith("Opening your browser to sign in")) {
				CompletableFuture.runAsync(this::signInWhereTheCommandOpened).exceptionally((ex) -> {
					browserFailure.set(ex);
					return null;
				});
			}
		});
		assertThat(browserFailure.get()).isNull();
		assertThat(first.exitCode()).as(first.output()).isZero();
		assertThat(first.output()).contains("Signed in as " + DemoMode.USERNAME)
			.contains("\"owner\":\"Demo User\"")
			.doesNotContain("No browser can be opened here");
		assertThat(Files.readAllLines(this.opened)).singleElement()
			.satisfies((url) -> assertThat(url).startsWith("http://127.0.0.1:"));
		assertThat(this.cache.resolve("demo-identity-provider").resolve("state.json")).exists();

		SampleJvm.Run second = demo((line) -> {
		});
		assertThat(second.exitCode()).as(second.output()).isZero();
		assertThat(second.output()).doesNotContain("Opening your browser").contains("\"owner\":\"Demo User\"");
		assertThat(Files.readAllLines(this.opened)).hasSize(1);

		SampleJvm.Run status = demo((line) -> {
		}, "--status");
		assertThat(status.output()).contains("Token cache: ")
			.contains("Signed in as " + DemoMode.USERNAME + " (used by default)")
			.contains("Access token valid until ");

		SampleJvm.Run signOut = demo((line) -> {
		}, "--sign-out");
		assertThat(signOut.output()).contains("Signed out " + DemoMode.USERNAME + ".")
			.contains("Signed out on this computer only: Microsoft Entra ID offers no token revocation");
		assertThat(demo((line) -> {
		}, "--status").output()).contains("Not signed in.");
	}

	private SampleJvm.Run demo(java.util.function.Consumer<String> onLine, String... options) throws Exception {
		List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=demo",
				"--identity.cache.location=" + this.cache, "--identity.interactive.mode=auto",
				"--identity.interactive.browser-command=" + this.browserCommand));
		arguments.addAll(List.of(options));
		return SampleJvm.run(arguments, Map.of(), onLine);
	}

	private void signInWhereTheCommandOpened() {
		try {
			List<String> urls = Files.readAllLines(this.opened);
			this.chromium.get(URI.create(urls.get(urls.size() - 1)).toString());
			this.chromium.findElement(By.name("username")).sendKeys(DemoMode.USERNAME);
			this.chromium.findElement(By.name("password")).sendKeys(DemoMode.PASSWORD);
			this.chromium.findElement(By.cssSelector("main form button[type=submit]")).click();
			new WebDriverWait(this.chromium, Duration.ofSeconds(30))
				.until((driver) -> driver.getCurrentUrl().startsWith("http://localhost:"));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
