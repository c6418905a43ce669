package dev.desktopidentity.signin;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real headless Chromium, driven through Selenium WebDriver and the system's
 * {@code chromedriver}, that signs in to the local identity provider the way a person
 * does: it types the user name and password into the sign-in form, submits it, answers
 * the consent page when one is shown, and follows the redirect wherever it leads.
 * <p>
 * It accepts the provider's self-signed certificate, and no other certificate that fails
 * validation (the certificate's public key hash is passed to
 * {@code --ignore-certificate-errors-spki-list}), so the sign-in pages are loaded from the
 * very HTTPS authorization URL that MSAL4J builds from the authority. Nothing is
 * downloaded: both binaries are given to Selenium explicitly, so Selenium Manager never
 * runs.
 */
final class HeadlessChromium implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration WAIT = Duration.ofSeconds(20);

	// Selenium looks for a DevTools binding that matches this Chromium's version and
	// warns when there is none; these tests use WebDriver only. Held here, as
	// java.util.logging keeps only weak references to its loggers.
	private static final List<Logger> QUIET_LOGGERS = List.of(Logger.getLogger("org.openqa.selenium.devtools"),
			Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"));

	static {
		QUIET_LOGGERS.forEach((logger) -> logger.setLevel(Level.SEVERE));
	}

	private final ChromeDriver driver;

	private HeadlessChromium(ChromeDriver driver) {
		this.driver = driver;
	}

	/**
	 * Start Chromium with a fresh profile.
	 * @param trusted the certificate to accept although no authority signed it
	 * @param profile an empty directory for the profile
	 * @return the running browser, to be closed
	 */
	static HeadlessChromium start(X509Certificate trusted, Path profile) {
		assertThat(Files.isExecutable(CHROMIUM))
			.as("Chromium is needed at %s for the browser sign-in tests (apt-get install chromium chromium-driver)",
					CHROMIUM)
			.isTrue();
		assertThat(Files.isExecutable(CHROMEDRIVER))
			.as("ChromeDriver is needed at %s for the browser sign-in tests (apt-get install chromium-driver)",
					CHROMEDRIVER)
			.isTrue();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--no-first-run", "--no-default-browser-check", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
				"--ignore-certificate-errors-spki-list=" + spkiHash(trusted));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		return new HeadlessChromium(new ChromeDriver(service, options));
	}

	/**
	 * Open a URL, as a person does who pastes it into the address bar.
	 * @param url the URL
	 */
	void open(URI url) {
		this.driver.get(url.toString());
	}

	/**
	 * Sign in on the provider's sign-in page that is showing, then answer the consent
	 * page if the provider shows one, and wait until the browser has left the provider.
	 * @param username the user name to type
	 * @param password the password to type
	 * @param consent whether to accept the consent page, if one is shown
	 */
	void signIn(String username, String password, boolean consent) {
		URI provider = origin(currentUrl());
		assertThat(page()).as("page of the identity provider at %s", provider).isEqualTo("sign-in");
		this.driver.findElement(By.id("username")).sendKeys(username);
		this.driver.findElement(By.id("password")).sendKeys(password);
		this.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
		await((url) -> !origin(url).equals(provider) || "consent".equals(page()));
		if (origin(currentUrl()).equals(provider)) {
			this.driver.findElement(By.cssSelector("button[name=consent][value=" + (consent ? "accept" : "deny") + "]"))
				.click();
			await((url) -> !origin(url).equals(provider));
		}
	}

	/**
	 * Wait until the browser shows a page whose address matches.
	 * @param url the condition on the address
	 * @return the address
	 */
	URI await(Predicate<URI> url) {
		new WebDriverWait(this.driver, WAIT).ignoring(StaleElementReferenceException.class)
			.until((driver) -> url.test(currentUrl())
					&& "complete".equals(this.driver.executeScript("return document.readyState")));
		return currentUrl();
	}

	URI currentUrl() {
		return URI.create(this.driver.getCurrentUrl());
	}

	String title() {
		return this.driver.getTitle();
	}

	String text() {
		return this.driver.findElement(By.tagName("body")).getText();
	}

	/**
	 * Return the kind of provider page showing: the {@code data-page} attribute of its
	 * {@code main} element, or {@code null} on any other page.
	 */
	private String page() {
		List<WebElement> main = this.driver.findElements(By.cssSelector("main[data-page]"));
		return main.isEmpty() ? null : main.get(0).getDomAttribute("data-page");
	}

	@Override
	public void close() {
		this.driver.quit();
	}

	private static URI origin(URI url) {
		return URI.create(url.getScheme() + "://" + url.getRawAuthority());
	}

	private static String spkiHash(X509Certificate certificate) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
