package dev.desktopidentity.autoconfigure;

import com.microsoft.aad.msal4j.PublicClientApplication;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.type.MethodMetadata;

/**
 * Keeps Spring's {@code @EventListener} detection from walking the type of the
 * auto-configured {@link PublicClientApplication} bean before the bean exists. The
 * detection looks at the declared type of every bean definition at start-up; for MSAL4J's
 * application that loads classes of azure-json, a signed jar whose signature the JVM
 * checks when it first reads it (tens of milliseconds at every start), in runs that never
 * build the application. MSAL4J declares no {@code @EventListener} methods, so the
 * definition names no class to look at, the way an auto-proxy creator names the class
 * behind a proxy. Only the starter's own definition is touched.
 */
final class PublicClientApplicationDefinitionPostProcessor implements BeanFactoryPostProcessor {

	static final String BEAN_NAME = "publicClientApplication";

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (!beanFactory.containsBeanDefinition(BEAN_NAME)) {
			return;
		}
		BeanDefinition definition = beanFactory.getBeanDefinition(BEAN_NAME);
		if (isAutoConfigured(definition)
				&& definition.getAttribute(AutoProxyUtils.ORIGINAL_TARGET_CLASS_ATTRIBUTE) == null) {
			definition.setAttribute(AutoProxyUtils.ORIGINAL_TARGET_CLASS_ATTRIBUTE, Object.class);
		}
	}

	private static boolean isAutoConfigured(BeanDefinition definition) {
		MethodMetadata factoryMethod = (definition instanceof AnnotatedBeanDefinition annotated)
				? annotated.getFactoryMethodMetadata() : null;
		return factoryMethod != null
				&& IdentityAutoConfiguration.class.getName().equals(factoryMethod.getDeclaringClassName())
				&& BEAN_NAME.equals(factoryMethod.getMethodName());
	}

}
