package dev.desktopidentity.autoconfigure;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import javax.net.ssl.SSLContext;

import dev.desktopidentity.msal.IdentityProviderHttpClient;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Builds the {@link IdentityProviderHttpClient} from the {@code identity.*} properties.
 * The properties, and the SSL bundle's name, are checked when the factory is created, at
 * start-up; the client is created when {@link #create()} is called, the first time the
 * identity provider is reached, so a run that finds its token in the cache never creates
 * it. The JDK client inside it and its TLS context (with the bundle's certificates),
 * which take a good part of a second to build on a small machine, are built on the first
 * request.
 */
final class IdentityProviderHttpClientFactory {

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final ResolvedAuthority authority;

	private final @Nullable String sslBundleName;

	private final @Nullable SslBundle sslBundle;

	private final @Nullable ProxySelector proxy;

	/**
	 * Create a factory, checking the properties.
	 * @param properties the properties
	 * @param sslBundles the application's SSL bundles, if any
	 * @throws InvalidIdentityPropertyException if a property is not valid
	 */
	IdentityProviderHttpClientFactory(IdentityProperties properties, @Nullable SslBundles sslBundles) {
		this.authority = ResolvedAuthority.of(properties);
		this.connectTimeout = positive("identity.connect-timeout", properties.getConnectTimeout());
		this.readTimeout = positive("identity.read-timeout", properties.getReadTimeout());
		this.sslBundle = sslBundle(properties.getSslBundle(), sslBundles);
		this.sslBundleName = (this.sslBundle != null) ? properties.getSslBundle() : null;
		this.proxy = proxy(properties.getProxy());
	}

	/**
	 * Create the client; its JDK client is built on its first request.
	 * @return the client
	 */
	IdentityProviderHttpClient create() {
		return new IdentityProviderHttpClient(this::jdkClient, this.readTimeout, this.authority.uri(),
				this.authority.kind() == AuthorityKind.OIDC, this.sslBundleName);
	}

	private HttpClient jdkClient() {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.connectTimeout(this.connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER);
		if (this.sslBundle != null) {
			builder.sslContext(sslContext(this.sslBundleName, this.sslBundle));
		}
		if (this.proxy != null) {
			builder.proxy(this.proxy);
		}
		return builder.build();
	}

	private static @Nullable ProxySelector proxy(IdentityProperties.Proxy proxy) {
		if (proxy.getHost() == null || proxy.getHost().isBlank()) {
			return null;
		}
		if (proxy.getPort() < 1 || proxy.getPort() > 65535) {
			throw new InvalidIdentityPropertyException("identity.proxy.port", proxy.getPort(),
					"a port is between 1 and 65535", "Set identity.proxy.port to the port of your HTTP proxy.");
		}
		return ProxySelector.of(InetSocketAddress.createUnresolved(proxy.getHost(), proxy.getPort()));
	}

	private static SSLContext sslContext(@Nullable String name, SslBundle bundle) {
		try {
			return bundle.createSslContext();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("The SSL bundle '" + name + "' of identity.ssl-bundle cannot be used ("
					+ ex.getMessage() + "); check its certificates under spring.ssl.bundle", ex);
		}
	}

	private static @Nullable SslBundle sslBundle(@Nullable String bundle, @Nullable SslBundles sslBundles) {
		if (bundle == null || bundle.isBlank()) {
			return null;
		}
		try {
			if (sslBundles == null) {
				throw new NoSuchSslBundleException(bundle, "No SSL bundles are registered");
			}
			return sslBundles.getBundle(bundle);
		}
		catch (NoSuchSslBundleException ex) {
			String known = (sslBundles != null && !sslBundles.getBundleNames().isEmpty())
					? "the registered bundles are " + sslBundles.getBundleNames() : "no SSL bundles are registered";
			throw new InvalidIdentityPropertyException("identity.ssl-bundle", bundle,
					"there is no SSL bundle named '" + bundle + "'; " + known,
					"Define the bundle under spring.ssl.bundle.pem." + bundle + " (or spring.ssl.bundle.jks." + bundle
							+ ") with the identity provider's CA certificate as its truststore, or correct "
							+ "identity.ssl-bundle.");
		}
	}

	private static Duration positive(String property, Duration duration) {
		if (duration == null || duration.isNegative() || duration.isZero()) {
			throw new InvalidIdentityPropertyException(property, duration, "a timeout must be longer than zero",
					"Set " + property + " to a positive duration such as 10s, or remove it to use the default.");
		}
		return duration;
	}

}
