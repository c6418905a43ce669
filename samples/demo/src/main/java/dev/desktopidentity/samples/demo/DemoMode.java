package dev.desktopidentity.samples.demo;

import java.util.LinkedHashMap;
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
		// the provider is new in every run, so tokens kept from an earlier run are worthless
		properties.put("identity.cache.enabled", false);
		environment.getPropertySources().addFirst(new MapPropertySource("demo", properties));
	}

}
