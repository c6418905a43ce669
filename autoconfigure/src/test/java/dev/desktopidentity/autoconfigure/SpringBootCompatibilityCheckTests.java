package dev.desktopidentity.autoconfigure;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link SpringBootCompatibilityCheck} and
 * {@link IncompatibleSpringBootFailureAnalyzer}: Spring Boot versions are simulated here; a
 * real Spring Boot 3.5 application is started by the consumer check ({@code test/consumer}).
 */
@ExtendWith(OutputCaptureExtension.class)
class SpringBootCompatibilityCheckTests {

	private static final String[] ALL_PRESENT = {};

	@ParameterizedTest
	@ValueSource(strings = { "4.0.0", "4.0.7", "4.1.2", "4.1.0-SNAPSHOT", "4.2.0-M1" })
	void checkWhenSpringBoot4ThenPasses(String version) {
		assertThatNoException().isThrownBy(() -> SpringBootCompatibilityCheck.check(version, present(), "0.1.0"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "3.5.7", "3.0.0", "2.7.18" })
	void checkWhenSpringBootBefore4ThenFailsNamingBothVersions(String version) {
		assertThatExceptionOfType(IncompatibleSpringBootException.class)
			.isThrownBy(() -> SpringBootCompatibilityCheck.check(version,
					present(SpringBootCompatibilityCheck.SPRING_BOOT_4_CLASS), "0.1.0"))
			.withMessage("desktop-identity 0.1.0 supports Spring Boot 4.0.x and 4.1.x, not " + version);
	}

	@Test
	void checkWhenSpringBoot5ThenFails() {
		assertThatExceptionOfType(IncompatibleSpringBootException.class)
			.isThrownBy(() -> SpringBootCompatibilityCheck.check("5.0.0", present(), "0.1.0"));
	}

	@Test
	void checkWhenVersionUnreadableAndSpringBoot4ClassesPresentThenPasses() {
		assertThatNoException().isThrownBy(() -> SpringBootCompatibilityCheck.check(null, present(), null));
	}

	@Test
	void checkWhenVersionUnreadableAndSpringBoot4ClassesMissingThenFails() {
		assertThatExceptionOfType(IncompatibleSpringBootException.class).isThrownBy(() -> SpringBootCompatibilityCheck
			.check(null, present(SpringBootCompatibilityCheck.SPRING_BOOT_4_CLASS), null));
	}

	@Test
	void checkWhenVersionSays4ButSpringBoot4ClassesMissingThenFails() {
		assertThatExceptionOfType(IncompatibleSpringBootException.class).isThrownBy(() -> SpringBootCompatibilityCheck
			.check("4.1.2", present(SpringBootCompatibilityCheck.SPRING_BOOT_4_CLASS), null));
	}

	@Test
	void failureAnalysisWhenSpringBoot35ThenSaysWhatIsSupportedAndWhatToDo() {
		FailureAnalysis analysis = new IncompatibleSpringBootFailureAnalyzer()
			.analyze(new IncompatibleSpringBootException("3.5.7", "0.1.0", SpringBootCompatibilityCheck.SUPPORTED_VERSIONS));
		assertThat(analysis.getDescription())
			.startsWith("desktop-identity 0.1.0 supports Spring Boot 4.0.x and 4.1.x; this application uses Spring Boot 3.5.7.")
			.contains("sent without the user's token");
		assertThat(analysis.getAction()).contains("a Spring Boot 4.0.x or 4.1.x release")
			.contains("spring-boot-starter-parent")
			.contains("identity.compatibility-check.enabled=false");
	}

	@Test
	void checkResourcesWhenNoneConfiguredThenPasses() {
		assertThatNoException().isThrownBy(() -> SpringBootCompatibilityCheck.checkResourcesWithoutRestClient(Set.of()));
	}

	@Test
	void checkResourcesWhenConfiguredThenFailsNamingThemAndTheStarterToAdd() {
		assertThatExceptionOfType(InvalidIdentityPropertyException.class)
			.isThrownBy(() -> SpringBootCompatibilityCheck.checkResourcesWithoutRestClient(List.of("graph", "orders")))
			.satisfies((ex) -> {
				assertThat(ex.getPropertyName()).isEqualTo("identity.resources");
				assertThat(ex.getValue()).isEqualTo("graph, orders");
				assertThat(ex.getAction()).contains("spring-boot-starter-restclient");
			});
	}

	@Test
	void applicationWhenOnThisSpringBootThenStarts() {
		SpringApplication application = application(new FilteredClassLoader(ALL_PRESENT));
		assertThat(application.getInitializers()).hasAtLeastOneElementOfType(SpringBootCompatibilityCheck.class);
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(context.isActive()).isTrue();
		}
	}

	@Test
	void applicationWhenSpringBoot4ClassesMissingThenStopsWithOneReport(CapturedOutput output) {
		SpringApplication application = application(
				new FilteredClassLoader(SpringBootCompatibilityCheck.SPRING_BOOT_4_CLASS));
		assertThatExceptionOfType(IncompatibleSpringBootException.class).isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("desktop-identity")
			.contains("supports Spring Boot 4.0.x and 4.1.x")
			.contains("identity.compatibility-check.enabled=false");
	}

	@Test
	void applicationWhenCheckDisabledThenStartsAnyway() {
		SpringApplication application = application(
				new FilteredClassLoader(SpringBootCompatibilityCheck.SPRING_BOOT_4_CLASS));
		try (ConfigurableApplicationContext context = application
			.run("--identity.compatibility-check.enabled=false")) {
			assertThat(context.isActive()).isTrue();
		}
	}

	@Test
	void applicationWhenResourcesConfiguredWithoutRestClientThenStopsNamingTheProperty(CapturedOutput output) {
		SpringApplication application = application(new FilteredClassLoader("org.springframework.boot.restclient"));
		assertThatExceptionOfType(InvalidIdentityPropertyException.class).isThrownBy(() -> application.run(
				"--identity.resources.orders.base-url=https://orders.contoso.test/api",
				"--identity.resources.orders.scopes=api://orders/read"));
		assertThat(output).contains("Invalid value for configuration property 'identity.resources'")
			.contains("Value: orders")
			.contains("spring-boot-starter-restclient");
	}

	@Test
	void applicationWhenNoResourcesAndNoRestClientThenStarts() {
		SpringApplication application = application(new FilteredClassLoader("org.springframework.boot.restclient"));
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(context.isActive()).isTrue();
		}
	}

	private static SpringApplication application(ClassLoader classLoader) {
		SpringApplication application = new SpringApplication(new DefaultResourceLoader(classLoader),
				EmptyConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		return application;
	}

	private static java.util.function.Predicate<String> present(String... missing) {
		Set<String> absent = Set.of(missing);
		return (className) -> !absent.contains(className);
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

}
