package dev.desktopidentity.msal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.Locale;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import org.jspecify.annotations.Nullable;

/**
 * Says why a connection to the identity provider failed, and what fixes it, from the
 * exception the JDK client threw: refused or unreachable, a host name that does not
 * resolve, a timeout, or a certificate that is not trusted, has expired or names another
 * host.
 */
final class ConnectionFailures {

	private static final String PROXY = " Behind an HTTP proxy, set identity.proxy.host and identity.proxy.port.";

	private final @Nullable Duration connectTimeout;

	private final Duration readTimeout;

	private final @Nullable String sslBundle;

	private final boolean proxied;

	/**
	 * Create a new instance.
	 * @param connectTimeout the connect timeout of the client, if it has one
	 * @param readTimeout the read timeout
	 * @param sslBundle the SSL bundle whose trust material the client uses, or
	 * {@code null} for the JVM's default trust store
	 * @param proxied whether the client connects through a proxy
	 */
	ConnectionFailures(@Nullable Duration connectTimeout, Duration readTimeout, @Nullable String sslBundle,
			boolean proxied) {
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
		this.sslBundle = sslBundle;
		this.proxied = proxied;
	}

	/**
	 * Describe a failed exchange.
	 * @param target the address the request went to
	 * @param failure what the JDK client threw
	 * @return the failure in words
	 */
	ProviderExchangeException describe(URI target, IOException failure) {
		String endpoint = target.getHost() + ":" + port(target);
		String through = this.proxied ? " through the HTTP proxy (identity.proxy.host)" : "";
		if (failure instanceof HttpConnectTimeoutException) {
			return new ProviderExchangeException("could not connect to " + endpoint + through + " within "
					+ duration(this.connectTimeout) + " (identity.connect-timeout)",
					"Check that " + endpoint + " can be reached from this computer (network, VPN, firewall), or "
							+ "raise identity.connect-timeout." + (this.proxied ? "" : PROXY),
					"connect_timeout", failure);
		}
		if (failure instanceof HttpTimeoutException) {
			return new ProviderExchangeException(endpoint + " did not answer within " + duration(this.readTimeout)
					+ " (identity.read-timeout)", "Try again; if the identity provider is this slow, raise "
							+ "identity.read-timeout.",
					"read_timeout", failure);
		}
		if (has(failure, UnknownHostException.class) || has(failure, UnresolvedAddressException.class)) {
			return new ProviderExchangeException("the host name " + target.getHost() + " cannot be resolved",
					"Check the host of identity.authority and this computer's network connection." + PROXY,
					"unknown_host", failure);
		}
		if (failure instanceof SSLException) {
			return tls(endpoint, (SSLException) failure);
		}
		if (failure instanceof ConnectException || failure instanceof NoRouteToHostException) {
			return new ProviderExchangeException("could not connect to " + endpoint + through + " ("
					+ reason(failure, "connection refused") + ")",
					"Check that identity.authority names the right host and port and that the identity provider is "
							+ "running and reachable from this computer." + (this.proxied ? "" : PROXY),
					"connection_refused", failure);
		}
		return new ProviderExchangeException("the connection to " + endpoint + " failed ("
				+ reason(failure, failure.getClass().getSimpleName()) + ")", "Try again; if it keeps failing, check "
						+ "that the identity provider is reachable from this computer.",
				"connection_failed", failure);
	}

	private ProviderExchangeException tls(String endpoint, SSLException failure) {
		String text = messages(failure).toLowerCase(Locale.ROOT);
		if (has(failure, CertificateExpiredException.class) || has(failure, CertificateNotYetValidException.class)
				|| text.contains("validity check failed")) {
			return new ProviderExchangeException("the TLS certificate of " + endpoint + " has expired or is not "
					+ "valid yet", "Have the identity provider's certificate renewed, and check this computer's clock.",
					"certificate_expired", failure);
		}
		if (text.contains("no subject alternative") || text.contains("no name matching")) {
			return new ProviderExchangeException("the TLS certificate of " + endpoint + " is not issued for the host "
					+ "name in identity.authority", "Use the host name the certificate names in identity.authority.",
					"certificate_name_mismatch", failure);
		}
		if (has(failure, CertPathBuilderException.class) || has(failure, CertPathValidatorException.class)
				|| text.contains("pkix path")) {
			if (this.sslBundle == null) {
				return new ProviderExchangeException("the TLS certificate of " + endpoint + " is not trusted by "
						+ "the JVM's default trust store (" + reason(failure, "PKIX path building failed") + ")",
						"If the identity provider's certificate comes from a private or self-signed certificate "
								+ "authority, trust that CA for identity-provider connections only: define an SSL bundle "
								+ "with it, such as spring.ssl.bundle.pem.identity-provider.truststore.certificate="
								+ "file:/path/to/ca.pem, and set identity.ssl-bundle=identity-provider.",
						"untrusted_certificate", failure);
			}
			return new ProviderExchangeException("the TLS certificate of " + endpoint + " is not trusted by the SSL "
					+ "bundle '" + this.sslBundle + "' (identity.ssl-bundle)",
					"Add the certificate of the CA that issued it to the truststore of the bundle (for a PEM bundle, "
							+ "spring.ssl.bundle.pem." + this.sslBundle + ".truststore.certificate), or correct "
							+ "identity.ssl-bundle.",
					"untrusted_certificate", failure);
		}
		String reason = reason(failure, "TLS handshake failed");
		return new ProviderExchangeException("the TLS connection to " + endpoint + " failed (" + reason + ")",
				(failure instanceof SSLHandshakeException) ? "Check that identity.authority names an https endpoint of "
						+ "the identity provider." : null,
				"tls_failed", failure);
	}

	private static boolean has(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private static String messages(Throwable failure) {
		StringBuilder text = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			text.append(cause.getMessage()).append(' ');
		}
		return text.toString();
	}

	/**
	 * Return the most specific message in the chain, which the JDK client often leaves
	 * out of the outermost exception.
	 */
	private static String reason(Throwable failure, String fallback) {
		String reason = null;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
				reason = cause.getMessage();
			}
		}
		if (reason == null) {
			return fallback;
		}
		// "(certificate_unknown) PKIX path building failed: ..." has the alert first
		return reason.replaceFirst("^\\([a-z_]+\\) ", "").replaceAll("\\s+", " ").strip();
	}

	private static int port(URI target) {
		if (target.getPort() != -1) {
			return target.getPort();
		}
		return "http".equalsIgnoreCase(target.getScheme()) ? 80 : 443;
	}

	private static String duration(@Nullable Duration duration) {
		if (duration == null) {
			return "the JDK's default time";
		}
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

}
