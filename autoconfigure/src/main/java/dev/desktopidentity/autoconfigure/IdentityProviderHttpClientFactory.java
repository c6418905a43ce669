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
 * The properties, and the SSL bundle's name, are checked at start-up; the JDK client and
 * its TLS context (with the bundle's certificates), which take a good part of a second to
 * build on a small machine, are built on the first request to the identity provider.
 */
final class IdentityProviderHttpClientFactory {

	private IdentityProviderHttpClientFactory() {
	}

	static IdentityProviderHttpClient create(IdentityProperties properties, @Nullable SslBundles sslBundles) {
		ResolvedAuthority authority = ResolvedAuthority.of(properties);
		Duration connectTimeout = positive("identity.connect-timeout", properties.getConnectTimeout());
		Duration readTimeout = positive("identity.read-timeout", properties.getReadTimeout());
		SslBundle sslBundle = sslBundle(properties.getSslBundle(), sslBundles);
		ProxySelector proxy = proxy(properties.getProxy());
		return new IdentityProviderHttpClient(() -> {
			HttpClient.Builder builder = HttpClient.newBuilder()
				.connectTimeout(connectTimeout)
				.followRedirects(HttpClient.Redirect.NEVER);
			if (sslBundle != null) {
				builder.sslContext(sslContext(properties.getSslBundle(), sslBundle));
			}
			if (proxy != null) {
				builder.proxy(proxy);
			}
			return builder.build();
		}, readTimeout, authority.uri(), authority.kind() == AuthorityKind.OIDC,
				(sslBundle != null) ? properties.getSslBundle() : null);
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
