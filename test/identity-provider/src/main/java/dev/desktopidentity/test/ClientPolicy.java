package dev.desktopidentity.test;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Which client ids and redirect URIs the provider accepts. A registered client may use
 * its registered redirect URIs, and when one of them is a loopback {@code http} URI any
 * loopback host and port with the same path (RFC 8252). An unregistered client, accepted
 * when any client is, may use any loopback {@code http} redirect URI.
 */
final class ClientPolicy {

	private final Map<String, Set<String>> clients;

	private final boolean acceptAnyClient;

	ClientPolicy(Map<String, Set<String>> clients, boolean acceptAnyClient) {
		this.clients = clients;
		this.acceptAnyClient = acceptAnyClient;
	}

	boolean accepts(String clientId) {
		return this.acceptAnyClient || this.clients.containsKey(clientId);
	}

	boolean allowsRedirect(String clientId, String redirectUri) {
		URI requested = parse(redirectUri);
		if (requested == null || requested.getRawFragment() != null || !requested.isAbsolute()) {
			return false;
		}
		Set<String> registered = this.clients.get(clientId);
		if (registered == null) {
			return this.acceptAnyClient && isLoopback(requested);
		}
		for (String candidate : registered) {
			if (candidate.equals(redirectUri)) {
				return true;
			}
			URI registeredUri = parse(candidate);
			if (registeredUri != null && isLoopback(registeredUri) && isLoopback(requested)
					&& normalizedPath(registeredUri).equals(normalizedPath(requested))
					&& Objects.equals(registeredUri.getRawQuery(), requested.getRawQuery())) {
				return true;
			}
		}
		return false;
	}

	static boolean isLoopback(URI uri) {
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : "";
		return "http".equalsIgnoreCase(uri.getScheme()) && uri.getRawUserInfo() == null
				&& (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
	}

	private static String normalizedPath(URI uri) {
		String path = uri.getRawPath();
		return (path == null || path.isEmpty()) ? "/" : path;
	}

	private static @Nullable URI parse(String uri) {
		try {
			return new URI(uri);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
