package dev.desktopidentity.test.autoconfigure;

import java.util.Set;

import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.ScriptedUser;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Resolves parameters of type {@link ScriptedBrowser}, {@link ScriptedUser} (the default
 * user) and {@link LocalIdentityProvider} of test methods and constructors from the test's
 * application context. Parameters annotated for Spring ({@code @Autowired},
 * {@code @Qualifier}, {@code @Value}) are left to the {@link SpringExtension}.
 */
class LocalIdentityProviderParameterResolver implements ParameterResolver {

	private static final Set<Class<?>> TYPES = Set.of(ScriptedBrowser.class, ScriptedUser.class,
			LocalIdentityProvider.class);

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return TYPES.contains(parameterContext.getParameter().getType())
				&& !parameterContext.isAnnotated(Autowired.class) && !parameterContext.isAnnotated(Qualifier.class)
				&& !parameterContext.isAnnotated(Value.class);
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return SpringExtension.getApplicationContext(extensionContext)
			.getBean(parameterContext.getParameter().getType());
	}

}
