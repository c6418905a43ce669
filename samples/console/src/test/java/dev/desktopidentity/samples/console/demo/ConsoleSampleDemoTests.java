package dev.desktopidentity.samples.console.demo;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.desktopidentity.samples.console.ConsoleSampleApplication;
import dev.desktopidentity.samples.demo.DemoFrontChannel;
import dev.desktopidentity.samples.demo.DemoMode;
import dev.desktopidentity.signin.BrowserLauncher;
import dev.desktopidentity.test.Endpoint;
import dev.desktopidentity.test.LocalIdentityProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console sample's demo run, as a person at a desktop does it: a real headless
 * Chromium, trusting no extra certificate, opens the sign-in page the demo sends it to,
 * the user types the demo credentials, the browser is redirected to the sample's loopback
 * receiver, and the sample calls its local API twice, signing in once.
 */
@ExtendWith(OutputCaptureExtension.class)
@EnabledOnOs(value = OS.LINUX, disabledReason = "Drives Debian's /usr/bin/chromium and /usr/bin/chromedriver (see .ci/run)")
class ConsoleSampleDemoTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final AtomicReference<ChromeDriver> chromium = new AtomicReference<>();

	private static final AtomicReference<Throwable> browserFailure = new AtomicReference<>();

	private static final AtomicInteger browserOpened = new AtomicInteger();

	@BeforeEach
	void startChromium(@TempDir Path profile) {
		assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
			.as("Chromium and ChromeDriver are needed (apt-get install chromium chromium-driver)")
			.isTrue();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--no-first-run", "--disable-background-networking", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		chromium.set(new ChromeDriver(service, options));
		browserFailure.set(null);
		browserOpened.set(0);
	}

	@AfterEach
	void stopChromium() {
		chromium.getAndSet(null).quit();
	}

	@Test
	void demoWhenUserSignsInInBrowserThenCallsApiTwiceSigningInOnce(CapturedOutput output, @TempDir Path cache) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ConsoleSampleApplication.class,
				ChromiumBrowser.class)
			.profiles("demo")
			.run("--identity.interactive.mode=browser", "--identity.cache.location=" + cache);
		LocalIdentityProvider provider = context.getBean(LocalIdentityProvider.class);
		int authorizeRequests = provider.requests().count(Endpoint.AUTHORIZE);
		int exitCode = SpringApplication.exit(context);
		assertThat(browserFailure.get()).isNull();
		assertThat(exitCode).isZero();
		assertThat(browserOpened).hasValue(1);
		assertThat(authorizeRequests).isEqualTo(1);
		assertThat(output).contains("Opening your browser to sign in")
			.contains("Demo: sign in as demo@desktop-identity.test with password demo-password")
			.contains("Signed in as demo@desktop-identity.test")
			.contains("\"owner\":\"Demo User\"")
			.contains("Called the API again, with the token in memory: {\"owner\":\"Demo User\"");
		assertThat(chromium.get().findElement(By.tagName("body")).getText()).contains("You can close this tab");
	}

	/**
	 * Opens the sign-in page as the demo's own launcher does (on the provider's plain-HTTP
	 * front channel), in Chromium, and signs in there as a person would.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ChromiumBrowser {

		@Bean
		@Primary
		BrowserLauncher chromiumLauncher(LocalIdentityProvider provider) {
			return (url) -> {
				browserOpened.incrementAndGet();
				URI page = DemoFrontChannel.address(provider, url);
				CompletableFuture.runAsync(() -> signIn(page)).exceptionally((ex) -> {
					browserFailure.set(ex);
					return null;
				});
			};
		}

		private static void signIn(URI page) {
			ChromeDriver driver = chromium.get();
			driver.get(page.toString());
			driver.findElement(By.name("username")).sendKeys(DemoMode.USERNAME);
			driver.findElement(By.name("password")).sendKeys(DemoMode.PASSWORD);
			driver.findElement(By.cssSelector("main form button[type=submit]")).click();
			new WebDriverWait(driver, Duration.ofSeconds(20))
				.until((d) -> d.getCurrentUrl().startsWith("http://localhost:"));
		}

	}

}
