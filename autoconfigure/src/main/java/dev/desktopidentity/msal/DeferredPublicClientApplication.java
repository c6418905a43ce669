package dev.desktopidentity.msal;

import java.util.function.Supplier;

import com.microsoft.aad.msal4j.PublicClientApplication;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.target.AbstractLazyCreationTargetSource;

/**
 * A {@link PublicClientApplication} built on first use. MSAL4J fetches an OpenID Connect
 * authority's discovery document while it builds the application; deferring the build
 * keeps application start-up off the network, so an app starts (and can report its
 * status) while the identity provider is unreachable.
 */
public final class DeferredPublicClientApplication {

	private DeferredPublicClientApplication() {
	}

	/**
	 * Return a {@link PublicClientApplication} that calls the given factory the first time
	 * one of its methods is called, and delegates to what it built from then on.
	 * @param factory builds the application; called at most once unless it fails
	 * @return the deferred application
	 */
	public static PublicClientApplication of(Supplier<PublicClientApplication> factory) {
		ProxyFactory proxyFactory = new ProxyFactory();
		proxyFactory.setProxyTargetClass(true);
		proxyFactory.setTargetSource(new AbstractLazyCreationTargetSource() {

			@Override
			public Class<?> getTargetClass() {
				return PublicClientApplication.class;
			}

			@Override
			protected Object createObject() {
				return factory.get();
			}

		});
		return (PublicClientApplication) proxyFactory.getProxy(DeferredPublicClientApplication.class.getClassLoader());
	}

}
