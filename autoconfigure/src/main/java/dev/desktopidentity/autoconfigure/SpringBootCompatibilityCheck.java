package dev.desktopidentity.autoconfigure;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Stops the application before any bean is created when it runs on a Spring Boot that the
 * starter does not support, or when {@code identity.resources} names APIs but nothing on
 * the classpath can add their tokens: without it, an application on Spring Boot 3 (where
 * the {@code RestClient} and {@code RestTemplate} customizers are in other packages)
 * would start and silently send its requests without a token.
 * <p>
 * Registered in {@code META-INF/spring.factories} as an
 * {@link ApplicationContextInitializer}, which every Spring Boot version since 1.0 runs,
 * and uses only types that Spring Boot 3 has as well, so that it can say what is wrong
 * there. {@code identity.compatibility-check.enabled=false} turns it off.
 */
class SpringBootCompatibilityCheck implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

	/**
	 * The Spring Boot versions the starter is built and tested with.
	 */
	static final String SUPPORTED_VERSIONS = "4.0.x and 4.1.x";

	static final String ENABLED_PROPERTY = "identity.compatibility-check.enabled";

	/**
	 * A class of Spring Boot 4 (it was {@code org.springframework.boot.BootstrapRegistry}
	 * before), for when the version cannot be read, as in some repackaged jars.
	 */
	static final String SPRING_BOOT_4_CLASS = "org.springframework.boot.bootstrap.BootstrapRegistry";

	/**
	 * The Spring Boot module whose builders get the bearer token.
	 */
	static final String RESTCLIENT_CLASS = "org.springframework.boot.restclient.RestClientCustomizer";

	private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (!environment.getProperty(ENABLED_PROPERTY, Boolean.class, true)) {
			return;
		}
		ClassLoader classLoader = context.getClassLoader();
		Predicate<String> present = (className) -> ClassUtils.isPresent(className, classLoader);
		check(SpringBootVersion.getVersion(), present, starterVersion());
		if (!present.test(RESTCLIENT_CLASS)) {
			checkResourcesWithoutRestClient(resourceNames(environment));
		}
	}

	/**
	 * Check the Spring Boot version.
	 * @param springBootVersion the version, or {@code null} when it cannot be read
	 * @param present whether a class is on the classpath
	 * @param starterVersion the starter's version, or {@code null}
	 * @throws IncompatibleSpringBootException when the version is not supported
	 */
	static void check(@Nullable String springBootVersion, Predicate<String> present, @Nullable String starterVersion) {
		Integer major = major(springBootVersion);
		boolean springBoot4 = present.test(SPRING_BOOT_4_CLASS);
		if ((major != null && major != 4) || !springBoot4) {
			throw new IncompatibleSpringBootException(springBootVersion, starterVersion, SUPPORTED_VERSIONS);
		}
	}

	/**
	 * Check that APIs named in {@code identity.resources} can get their token, when
	 * Spring Boot's RestClient and RestTemplate support is missing.
	 * @param resourceNames the names under {@code identity.resources}
	 * @throws InvalidIdentityPropertyException when there is a name
	 */
	static void checkResourcesWithoutRestClient(Iterable<String> resourceNames) {
		String names = String.join(", ", resourceNames);
		if (names.isEmpty()) {
			return;
		}
		throw new InvalidIdentityPropertyException("identity.resources", names,
				"the bearer token is added by the RestClient and RestTemplate builders of Spring Boot's "
						+ "spring-boot-restclient module, which is not on the classpath",
				"Add the dependency org.springframework.boot:spring-boot-starter-restclient, or remove "
						+ "identity.resources if the application calls no API with the user's token.");
	}

	static @Nullable Integer major(@Nullable String version) {
		if (version == null) {
			return null;
		}
		Matcher matcher = MAJOR_MINOR.matcher(version);
		return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
	}

	private static Set<String> resourceNames(ConfigurableEnvironment environment) {
		// a map of strings gets the nested keys flattened, such as "api.base-url"
		Map<String, String> properties = Binder.get(environment)
			.bind("identity.resources", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of());
		Set<String> names = new TreeSet<>();
		properties.keySet().forEach((key) -> names.add(key.split("\\.", 2)[0]));
		return names;
	}

	private static @Nullable String starterVersion() {
		return SpringBootCompatibilityCheck.class.getPackage().getImplementationVersion();
	}

}
