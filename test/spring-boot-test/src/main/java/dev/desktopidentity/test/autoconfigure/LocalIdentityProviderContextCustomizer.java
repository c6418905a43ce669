package dev.desktopidentity.test.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.ScriptedUser;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;
import org.springframework.util.Assert;
import org.springframework.util.FileSystemUtils;

/**
 * Starts the local identity provider of an application context, registers it, the default
 * {@link ScriptedUser} and the {@link ScriptedBrowser} as beans, and points the
 * application at it. Everything it starts or creates is closed or deleted with the
 * context, and also when the context fails to start.
 */
class LocalIdentityProviderContextCustomizer implements ContextCustomizer {

	static final String PROPERTY_SOURCE_NAME = "desktopIdentityLocalIdentityProvider";

	static final String SSL_BUNDLE_NAME = "desktop-identity-local-identity-provider";

	static final String DEFAULT_CLIENT_ID = "desktop-identity-test";

	private final LocalIdentityProviderSettings settings;

	LocalIdentityProviderContextCustomizer(LocalIdentityProviderSettings settings) {
		this.settings = settings;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		Assert.state(beanFactory instanceof BeanDefinitionRegistry && beanFactory instanceof DefaultSingletonBeanRegistry,
				"@AutoConfigureLocalIdentityProvider needs an application context with a DefaultListableBeanFactory");
		LocalIdentityProvider provider = this.settings.startProvider();
		Path cacheDirectory = null;
		try {
			cacheDirectory = Files.createTempDirectory("desktop-identity-test-cache-");
			LocalIdentityProviderSettings.UserSettings defaultUser = this.settings.scriptedUser();
			ScriptedUser user = ScriptedUser.of(provider, defaultUser.username(), defaultUser.password());
			ScriptedBrowser browser = new ScriptedBrowser(provider, user, this.settings);
			provider.onDeviceCode(browser::enterDeviceCode);
			register(beanFactory, provider, user, browser, cacheDirectory);
			addPropertySources(context.getEnvironment().getPropertySources(), provider, cacheDirectory);
		}
		catch (IOException | RuntimeException ex) {
			provider.close();
			delete(cacheDirectory);
			if (ex instanceof IOException io) {
				throw new UncheckedIOException("Could not create a temporary directory for the token cache", io);
			}
			throw (RuntimeException) ex;
		}
	}

	private static void register(ConfigurableListableBeanFactory beanFactory, LocalIdentityProvider provider,
			ScriptedUser user, ScriptedBrowser browser, Path cacheDirectory) {
		beanFactory.registerSingleton("localIdentityProvider", provider);
		beanFactory.registerSingleton("scriptedUser", user);
		// primary: it replaces any BrowserLauncher of the application's own
		RootBeanDefinition browserDefinition = new RootBeanDefinition(ScriptedBrowser.class, () -> browser);
		browserDefinition.setPrimary(true);
		((BeanDefinitionRegistry) beanFactory).registerBeanDefinition("scriptedBrowser", browserDefinition);
		// called when the context closes, and when it fails to start
		((DefaultSingletonBeanRegistry) beanFactory).registerDisposableBean("localIdentityProviderShutdown", () -> {
			browser.close();
			provider.close();
			delete(cacheDirectory);
		});
	}

	private void addPropertySources(MutablePropertySources sources, LocalIdentityProvider provider, Path cacheDirectory) {
		Map<String, Object> properties = new LinkedHashMap<>(provider.springProperties(SSL_BUNDLE_NAME));
		properties.put("identity.authority-kind", this.settings.strictOidc() ? "oidc" : "entra-id");
		// the default: the application's tenant is a shortcut for an authority, which the provider's replaces
		properties.put("identity.tenant-id", "common");
		properties.put("identity.cache.location", cacheDirectory.toString());
		properties.put("identity.cache.protection", "none");
		MapPropertySource providerProperties = new MapPropertySource(PROPERTY_SOURCE_NAME, properties);
		// the test's own properties win, the application's configuration does not
		String inlined = TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME;
		if (sources.contains(inlined)) {
			sources.addAfter(inlined, providerProperties);
		}
		else {
			sources.addFirst(providerProperties);
		}
		sources.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME + "Defaults",
				Map.of("identity.client-id", DEFAULT_CLIENT_ID)));
	}

	private static void delete(@Nullable Path directory) {
		if (directory != null) {
			try {
				FileSystemUtils.deleteRecursively(directory);
			}
			catch (IOException ex) {
				// a temporary directory: nothing to lose
			}
		}
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof LocalIdentityProviderContextCustomizer customizer
				&& this.settings.equals(customizer.settings));
	}

	@Override
	public int hashCode() {
		return this.settings.hashCode();
	}

}
