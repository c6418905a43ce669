package dev.desktopidentity.autoconfigure;

import com.microsoft.aad.msal4j.PublicClientApplication;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.type.MethodMetadata;

/**
 * Keeps the start-up cost of the starter's own bean definitions low; definitions that
 * an application declares itself are never touched.
 * <ul>
 * <li>The beans of {@link IdentityAutoConfiguration} are created by calling their
 * {@code @Bean} methods directly (see {@link DirectBeanMethodCalls}).</li>
 * <li>Spring's {@code @EventListener} detection does not walk the type of the
 * {@link PublicClientApplication} bean before the bean exists. The detection looks at the
 * declared type of every bean definition at start-up; for MSAL4J's application that
 * loads classes of azure-json, a signed jar whose signature the JVM checks when it first
 * reads it (tens of milliseconds at every start), in runs that never build the
 * application. MSAL4J declares no {@code @EventListener} methods, so the definition names
 * no class to look at, the way an auto-proxy creator names the class behind a
 * proxy.</li>
 * </ul>
 */
final class IdentityBeanDefinitionPostProcessor implements BeanFactoryPostProcessor {

	private static final String PUBLIC_CLIENT_APPLICATION = "publicClientApplication";

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		for (String beanName : DirectBeanMethodCalls.METHODS) {
			BeanDefinition definition = autoConfigured(beanFactory, beanName);
			if (definition == null) {
				continue;
			}
			DirectBeanMethodCalls.apply(definition, beanName);
			if (PUBLIC_CLIENT_APPLICATION.equals(beanName)
					&& definition.getAttribute(AutoProxyUtils.ORIGINAL_TARGET_CLASS_ATTRIBUTE) == null) {
				definition.setAttribute(AutoProxyUtils.ORIGINAL_TARGET_CLASS_ATTRIBUTE, Object.class);
			}
		}
	}

	/**
	 * The definition of the given name when {@link IdentityAutoConfiguration}'s
	 * {@code @Bean} method of the same name defines it.
	 */
	private static @Nullable BeanDefinition autoConfigured(ConfigurableListableBeanFactory beanFactory,
			String beanName) {
		if (!beanFactory.containsBeanDefinition(beanName)) {
			return null;
		}
		BeanDefinition definition = beanFactory.getBeanDefinition(beanName);
		MethodMetadata factoryMethod = (definition instanceof AnnotatedBeanDefinition annotated)
				? annotated.getFactoryMethodMetadata() : null;
		boolean autoConfigured = factoryMethod != null
				&& IdentityAutoConfiguration.class.getName().equals(factoryMethod.getDeclaringClassName())
				&& beanName.equals(factoryMethod.getMethodName());
		return autoConfigured ? definition : null;
	}

}
