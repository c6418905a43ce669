package dev.desktopidentity.test.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.desktopidentity.test.LocalIdentityProvider;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.test.context.ContextCustomizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link LocalIdentityProviderContextCustomizerFactory} and
 * {@link LocalIdentityProviderContextCustomizer}: what they start is stopped with the
 * context however it ends, and equal annotations share a context.
 */
class LocalIdentityProviderContextCustomizerTests {

	private final LocalIdentityProviderContextCustomizerFactory factory = new LocalIdentityProviderContextCustomizerFactory();

	@Test
	void contextWhenClosedThenProviderStoppedAndTokenCacheDeleted() {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		customizer(Alice.class).customizeContext(context, null);
		context.refresh();
		LocalIdentityProvider provider = context.getBean(LocalIdentityProvider.class);
		Path cache = Path.of(context.getEnvironment().getProperty("identity.cache.location"));
		assertThat(isListening(provider.port())).isTrue();
		assertThat(cache).isDirectory();
		context.close();
		assertThat(isListening(provider.port())).isFalse();
		assertThat(Files.exists(cache)).isFalse();
	}

	@Test
	void contextWhenRefreshFailsThenProviderStoppedAndTokenCacheDeleted() {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		customizer(Alice.class).customizeContext(context, null);
		LocalIdentityProvider provider = context.getBeanFactory().getBean(LocalIdentityProvider.class);
		Path cache = Path.of(context.getEnvironment().getProperty("identity.cache.location"));
		context.registerBean("failing", Object.class, () -> {
			throw new IllegalStateException("bean fails");
		});
		assertThatExceptionOfType(BeanCreationException.class).isThrownBy(context::refresh);
		assertThat(isListening(provider.port())).isFalse();
		assertThat(Files.exists(cache)).isFalse();
	}

	@Test
	void customizerWhenAnnotationsEqualThenCustomizersEqualSoContextIsShared() {
		assertThat(customizer(Alice.class)).isEqualTo(customizer(AliceAgain.class))
			.hasSameHashCodeAs(customizer(AliceAgain.class))
			.isNotEqualTo(customizer(Strict.class));
	}

	@Test
	void customizerWhenNoAnnotationThenNone() {
		assertThat(this.factory.createContextCustomizer(Object.class, List.of())).isNull();
	}

	@Test
	void customizerWhenUserNamedTwiceThenSaysSo() {
		assertThatIllegalStateException().isThrownBy(() -> customizer(Twice.class))
			.withMessageContaining("names the user Alice@contoso.test twice");
	}

	private ContextCustomizer customizer(Class<?> testClass) {
		return this.factory.createContextCustomizer(testClass, List.of());
	}

	private static boolean isListening(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@AutoConfigureLocalIdentityProvider(username = "alice@contoso.test", password = "pw")
	static class Alice {

	}

	@AutoConfigureLocalIdentityProvider(username = "alice@contoso.test", password = "pw")
	static class AliceAgain {

	}

	@AutoConfigureLocalIdentityProvider(username = "alice@contoso.test", password = "pw", strictOidc = true)
	static class Strict {

	}

	@AutoConfigureLocalIdentityProvider(username = "alice@contoso.test", password = "pw",
			users = @AutoConfigureLocalIdentityProvider.User(username = "Alice@contoso.test", password = "other"))
	static class Twice {

	}

}
