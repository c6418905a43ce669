package dev.desktopidentity.autoconfigure;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.cache.RememberedAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.aot.BeanInstanceSupplier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.AbstractAotProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DirectBeanMethodCalls}: the beans of {@link IdentityAutoConfiguration}
 * are created by calling their methods directly, each by its own method.
 */
class DirectBeanMethodCallsTests {

	@TempDir
	private Path directory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class, SslAutoConfiguration.class))
			.withPropertyValues("identity.client-id=11111111-2222-3333-4444-555555555555",
					"identity.authority=https://login.microsoftonline.com/contoso.onmicrosoft.com",
					"identity.instance-discovery=false", "identity.interactive.mode=none",
					"identity.cache.location=" + this.directory.resolve("cache"), "identity.cache.protection=none");
	}

	@Test
	void methodsWhenComparedWithAutoConfigurationThenNameEveryInstanceBeanMethod() {
		List<String> beanMethods = Arrays.stream(IdentityAutoConfiguration.class.getDeclaredMethods())
			.filter((method) -> method.isAnnotationPresent(Bean.class) && !Modifier.isStatic(method.getModifiers()))
			.map(Method::getName)
			.toList();
		assertThat(DirectBeanMethodCalls.METHODS).containsExactlyInAnyOrderElementsOf(beanMethods);
	}

	@Test
	void beansWhenCreatedThenEachComesFromItsOwnMethodCalledDirectly() {
		this.contextRunner().run((context) -> {
			assertThat(context).hasNotFailed();
			List<String> defined = definedBeanMethods(context);
			// all but the training-run rehearsal, which is defined only for training runs
			assertThat(defined).hasSize(DirectBeanMethodCalls.METHODS.size() - 1)
				.doesNotContain("identityTrainingRunRehearsal");
			for (String name : defined) {
				assertThat(instanceSupplier(context, name)).as(name).isInstanceOf(BeanInstanceSupplier.class);
				assertThat(context.getBean(name)).as(name).isInstanceOf(beanMethod(name).getReturnType());
			}
			assertThat(context.getBean(InteractiveTokenProvider.class))
				.isSameAs(context.getBean("interactiveTokenProvider"));
		});
	}

	@Test
	void trainingRunRehearsalWhenTrainingRunThenComesFromItsMethodCalledDirectly() {
		this.contextRunner().withSystemProperties("spring.context.exit=onRefresh").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(TrainingRunRehearsal.class);
			assertThat(instanceSupplier(context, "identityTrainingRunRehearsal"))
				.isInstanceOf(BeanInstanceSupplier.class);
		});
	}

	@Test
	void beansWhenSpringAotProcessesApplicationThenKeepTheirPlainDefinitions() {
		this.contextRunner().withSystemProperties(AbstractAotProcessor.AOT_PROCESSING + "=true").run((context) -> {
			assertThat(context).hasNotFailed();
			for (String name : definedBeanMethods(context)) {
				assertThat(instanceSupplier(context, name)).as(name).isNull();
			}
		});
	}

	@Test
	void beanWhenApplicationDefinesOneOfTheSameNameThenLeavesItAlone() {
		this.contextRunner().withUserConfiguration(UserRememberedAccountConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(instanceSupplier(context, "rememberedAccount")).isNull();
			assertThat(context.getBean("rememberedAccount"))
				.isSameAs(context.getBean(UserRememberedAccountConfiguration.class).account);
			assertThat(instanceSupplier(context, "interactiveTokenProvider")).isInstanceOf(BeanInstanceSupplier.class);
		});
	}

	private static List<String> definedBeanMethods(AssertableApplicationContext context) {
		return DirectBeanMethodCalls.METHODS.stream()
			.filter(context.getBeanFactory()::containsBeanDefinition)
			.sorted()
			.toList();
	}

	private static Object instanceSupplier(AssertableApplicationContext context, String name) {
		BeanDefinition definition = context.getBeanFactory().getBeanDefinition(name);
		return ((AbstractBeanDefinition) definition).getInstanceSupplier();
	}

	private static Method beanMethod(String name) {
		return Arrays.stream(IdentityAutoConfiguration.class.getDeclaredMethods())
			.filter((method) -> method.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRememberedAccountConfiguration {

		final RememberedAccount account = RememberedAccount.inMemory();

		@Bean
		RememberedAccount rememberedAccount() {
			return this.account;
		}

	}

}
