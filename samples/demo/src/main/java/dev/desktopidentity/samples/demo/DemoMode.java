package dev.desktopidentity.samples.demo;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.desktopidentity.test.LocalIdentityProvider;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With the {@code demo} profile, starts a local identity provider and a local API on
 * loopback before the application's beans are created, and points the application at
 * them: no cloud account is needed. Both stop when the application context closes.
 * <p>
 * The provider keeps its signing key, certificate, port, users and refresh tokens in
 * {@code demo-identity-provider} in the token cache directory ({@code identity.cache.location},
 * by default {@code desktop-identity/desktop-identity-demo} in the user's cache directory),
 * and the demo keeps the persistent token cache on: the first run signs in, the next ones
 * are silent, as with a real identity provider.
 */
public class DemoMode implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/**
	 * The demo user's name.
	 */
	public static final String USERNAME = "demo@desktop-identity.test";

	/**
	 * The demo user's password.
	 */
	public static final String PASSWORD = "demo-password";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (!environment.matchesProfiles("demo")) {
			return;
		}
		LocalIdentityProvider provider = LocalIdentityProvider.builder()
			.user(USERNAME, PASSWORD, "Demo User")
			.frontChannel(true)
			.stateDirectory(tokenCacheDirectory(environment).resolve("demo-identity-provider"))
			.start();
		DemoApi api = DemoApi.start(provider);
		context.getBeanFactory().registerSingleton("demoIdentityProvider", provider);
		context.addApplicationListener((ContextClosedEvent event) -> {
			if (event.getApplicationContext() == context) {
				api.close();
				provider.close();
			}
		});
		Map<String, Object> properties = new LinkedHashMap<>(provider.springProperties("demo-identity-provider"));
		properties.put("sample.api-url", api.url().toString());
		properties.put("identity.resources.api.base-url", api.url().toString());
		properties.put("identity.resources.api.scopes", DemoApi.AUDIENCE + "/Items.Read");
		environment.getPropertySources().addFirst(new MapPropertySource("demo", properties));
	}

	/**
	 * Return the directory of the demo's token cache, as the starter chooses it.
	 */
	static Path tokenCacheDirectory(ConfigurableEnvironment environment) {
		String location = environment.getProperty("identity.cache.location");
		if (location != null && !location.isBlank()) {
			return Path.of(location);
		}
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		String home = System.getProperty("user.home");
		Path cache;
		if (os.startsWith("windows")) {
			String localAppData = System.getenv("LOCALAPPDATA");
			cache = (localAppData != null && !localAppData.isBlank()) ? Path.of(localAppData)
					: Path.of(home, "AppData", "Local");
		}
		else if (os.startsWith("mac")) {
			cache = Path.of(home, "Library", "Caches");
		}
		else {
			String xdg = System.getenv("XDG_CACHE_HOME");
			cache = (xdg != null && Path.of(xdg).isAbsolute()) ? Path.of(xdg) : Path.of(home, ".cache");
		}
		String clientId = environment.getProperty("identity.client-id", "desktop-identity-demo");
		return cache.resolve("desktop-identity").resolve(clientId.replaceAll("[^A-Za-z0-9._-]", "_"));
	}

}
