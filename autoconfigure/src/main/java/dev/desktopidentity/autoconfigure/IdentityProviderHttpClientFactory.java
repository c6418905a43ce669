package dev.desktopidentity.autoconfigure;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import javax.net.ssl.SSLContext;

import dev.desktopidentity.msal.IdentityProviderHttpClient;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;

/**
 * Builds the {@link IdentityProviderHttpClient} from the {@code identity.*} properties.
 */
final class IdentityProviderHttpClientFactory {

	private IdentityProviderHttpClientFactory() {
	}

	static IdentityProviderHttpClient create(IdentityProperties properties, @Nullable SslBundles sslBundles) {
		ResolvedAuthority authority = ResolvedAuthority.of(properties);
		Duration connectTimeout = positive("identity.connect-timeout", properties.getConnectTimeout());
		Duration readTimeout = positive("identity.read-timeout", properties.getReadTimeout());
		HttpClient.Builder builder = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER);
		String bundle = properties.getSslBundle();
		if (bundle != null && !bundle.isBlank()) {
			builder.sslContext(sslContext(bundle, sslBundles));
		}
		else {
			bundle = null;
		}
		IdentityProperties.Proxy proxy = properties.getProxy();
		if (proxy.getHost() != null && !proxy.getHost().isBlank()) {
			if (proxy.getPort() < 1 || proxy.getPort() > 65535) {
				throw new InvalidIdentityPropertyException("identity.proxy.port", proxy.getPort(),
						"a port is between 1 and 65535", "Set identity.proxy.port to the port of your HTTP proxy.");
			}
			builder.proxy(ProxySelector.of(InetSocketAddress.createUnresolved(proxy.getHost(), proxy.getPort())));
		}
		return new IdentityProviderHttpClient(builder.build(), readTimeout, authority.uri(),
				authority.kind() == AuthorityKind.OIDC, bundle);
	}

	private static SSLContext sslContext(String bundle, @Nullable SslBundles sslBundles) {
		try {
			if (sslBundles == null) {
				throw new NoSuchSslBundleException(bundle, "No SSL bundles are registered");
			}
			return sslBundles.getBundle(bundle).createSslContext();
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
