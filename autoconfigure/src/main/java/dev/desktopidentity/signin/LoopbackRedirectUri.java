package dev.desktopidentity.signin;

import java.net.URI;
import java.util.Locale;

/**
 * A validated loopback redirect URI (RFC 8252 section 7.3): {@code http}, a loopback
 * host spelled {@code localhost}, {@code 127.0.0.1} or {@code [::1]}, an optional port
 * and path, nothing else.
 *
 * @param host the host as given
 * @param port the port as given, {@code 0} when none was given
 * @param path the raw path, {@code /} when none was given
 */
record LoopbackRedirectUri(String host, int port, String path) {

	static final String LOCALHOST = "localhost";

	static final String IPV4_LOOPBACK = "127.0.0.1";

	static final String IPV6_LOOPBACK = "[::1]";

	/**
	 * Parse and validate the given redirect URI.
	 * @param uri the redirect URI
	 * @return the validated redirect URI
	 * @throws IllegalArgumentException if the URI is not a loopback redirect URI
	 */
	public static LoopbackRedirectUri of(URI uri) {
		String host = uri.getHost();
		boolean valid = !uri.isOpaque() && "http".equalsIgnoreCase(uri.getScheme()) && host != null
				&& isLoopbackHost(host) && uri.getPort() <= 65535 && uri.getRawUserInfo() == null
				&& uri.getRawQuery() == null && uri.getRawFragment() == null;
		if (!valid) {
			throw new IllegalArgumentException("Redirect URI '" + uri + "' is not a loopback redirect URI. A loopback "
					+ "redirect URI is http://localhost, http://127.0.0.1 or http://[::1], with an optional port and "
					+ "path and no query or fragment, for example http://localhost or http://127.0.0.1:8400/callback");
		}
		String path = uri.getRawPath();
		return new LoopbackRedirectUri(host, Math.max(uri.getPort(), 0), (path == null || path.isEmpty()) ? "/" : path);
	}

	private static boolean isLoopbackHost(String host) {
		return LOCALHOST.equals(host.toLowerCase(Locale.ROOT)) || IPV4_LOOPBACK.equals(host)
				|| IPV6_LOOPBACK.equals(host);
	}

	/**
	 * Return whether the host is {@code localhost}, which browsers may resolve to either
	 * loopback address.
	 * @return whether the host is {@code localhost}
	 */
	boolean isLocalhost() {
		return LOCALHOST.equals(this.host.toLowerCase(Locale.ROOT));
	}

	/**
	 * Return whether the host is {@code [::1]}.
	 * @return whether the host is the IPv6 loopback address
	 */
	boolean isIpv6() {
		return IPV6_LOOPBACK.equals(this.host);
	}

	/**
	 * Return the redirect URI with the given port.
	 * @param boundPort the port the receiver listens on
	 * @return the redirect URI
	 */
	URI withPort(int boundPort) {
		return URI.create("http://" + this.host + ":" + boundPort + this.path);
	}

}
