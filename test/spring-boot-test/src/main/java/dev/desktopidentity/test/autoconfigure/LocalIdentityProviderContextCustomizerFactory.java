package dev.desktopidentity.test.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * {@link ContextCustomizerFactory} for {@link AutoConfigureLocalIdentityProvider}, found
 * on the test class, a superclass or, for {@code @Nested} classes, an enclosing class.
 */
class LocalIdentityProviderContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		AutoConfigureLocalIdentityProvider annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				AutoConfigureLocalIdentityProvider.class);
		return (annotation != null)
				? new LocalIdentityProviderContextCustomizer(LocalIdentityProviderSettings.of(annotation)) : null;
	}

}
