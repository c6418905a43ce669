package dev.desktopidentity.msal;

import java.util.function.Supplier;

import com.microsoft.aad.msal4j.MsalException;
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
	 * one of its methods is called, and delegates to what it built from then on. When
	 * MSAL4J fails to build it (the discovery document cannot be read), that method throws
	 * a {@link dev.desktopidentity.TokenAcquisitionException} that names the authority,
	 * says what went wrong and what to do; the next call tries again.
	 * @param authority the authority, as the user wrote it, for messages
	 * @param factory builds the application; called at most once unless it fails
	 * @return the deferred application
	 */
	public static PublicClientApplication of(String authority, Supplier<PublicClientApplication> factory) {
		ProxyFactory proxyFactory = new ProxyFactory();
		proxyFactory.setProxyTargetClass(true);
		proxyFactory.setTargetSource(new AbstractLazyCreationTargetSource() {

			@Override
			public Class<?> getTargetClass() {
				return PublicClientApplication.class;
			}

			@Override
			protected Object createObject() {
				try {
					return factory.get();
				}
				catch (RuntimeException ex) {
					if (!fromIdentityProvider(ex)) {
						throw ex;
					}
					throw ProviderFailures.translate(authority, "Reading the OpenID Connect discovery document", ex);
				}
			}

		});
		return (PublicClientApplication) proxyFactory.getProxy(DeferredPublicClientApplication.class.getClassLoader());
	}

	/**
	 * Return whether a failure to build came from reading the discovery document, rather
	 * than from the configuration, which is reported as it is.
	 */
	private static boolean fromIdentityProvider(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof MsalException || cause instanceof ProviderExchangeException) {
				return true;
			}
		}
		return false;
	}

}
