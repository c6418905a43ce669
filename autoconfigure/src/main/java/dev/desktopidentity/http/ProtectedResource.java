package dev.desktopidentity.http;

import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * An API that gets the signed-in user's access token: requests whose URL is under its
 * base URL (same scheme, host and port, and a path at or below the base path) carry a
 * token for its scopes. The base URL must be {@code https}, or {@code http} to a
 * loopback address ({@code localhost}, {@code 127.0.0.0/8}, {@code [::1]}), so that a
 * token never crosses the network in the clear.
 * <pre class="code">
 * ProtectedResource graph = ProtectedResource.of("graph", URI.create("https://graph.microsoft.com/v1.0"),
 *     Set.of("User.Read"));
 * </pre>
 *
 * @since 0.1.0
 */
public final class ProtectedResource {

	private final String name;

	private final URI baseUrl;

	private final Set<String> scopes;

	private final String scheme;

	private final String host;

	private final int port;

	private final String path;

	private ProtectedResource(String name, URI baseUrl, Set<String> scopes) {
		this.name = name;
		this.baseUrl = baseUrl;
		this.scopes = scopes;
		this.scheme = baseUrl.getScheme().toLowerCase(Locale.ROOT);
		this.host = baseUrl.getHost();
		this.port = effectivePort(this.scheme, baseUrl.getPort());
		String basePath = (baseUrl.getRawPath() != null) ? baseUrl.getRawPath() : "";
		this.path = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
	}

	/**
	 * Return a resource.
	 * @param name the name of the resource, as in {@code identity.resources.<name>}
	 * @param baseUrl the URL that requests must be at or under; {@code https}, or
	 * {@code http} to a loopback address, without query or fragment
	 * @param scopes the scopes of the token the resource gets; at least one
	 * @return the resource
	 * @throws IllegalArgumentException if the base URL or scopes cannot work
	 */
	public static ProtectedResource of(String name, URI baseUrl, Collection<String> scopes) {
		Assert.hasText(name, "'name' must not be empty");
		Assert.notNull(baseUrl, "'baseUrl' must not be null");
		Assert.notNull(scopes, "'scopes' must not be null");
		String problem = problemWithBaseUrl(baseUrl);
		Assert.isTrue(problem == null, () -> "'baseUrl' " + problem);
		Assert.isTrue(!scopes.isEmpty(), "'scopes' must not be empty");
		Set<String> checked = new LinkedHashSet<>();
		for (String scope : scopes) {
			Assert.isTrue(scope != null && !scope.isBlank() && !scope.strip().contains(" "),
					"each scope must be one non-empty word");
			checked.add(scope.strip());
		}
		return new ProtectedResource(name, baseUrl, Set.copyOf(checked));
	}

	/**
	 * Return why a URL cannot be the base URL of a resource.
	 * @param baseUrl the URL
	 * @return the problem, phrased to follow "base URL", or {@code null} if there is none
	 */
	public static @Nullable String problemWithBaseUrl(URI baseUrl) {
		if (!baseUrl.isAbsolute() || baseUrl.getHost() == null) {
			return "must be an absolute URL with a host, such as https://api.contoso.com";
		}
		if (baseUrl.getRawUserInfo() != null || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
			return "must not have user information, a query or a fragment";
		}
		String path = (baseUrl.getRawPath() != null) ? baseUrl.getRawPath() : "";
		if (!RequestPaths.staysBelow(path, 0) || path.contains("//")) {
			return "must have a plain path: no '.' or '..' segments (also encoded, or with ';' parameters), no "
					+ "encoded '/' or '\\' and no empty segments";
		}
		String scheme = baseUrl.getScheme().toLowerCase(Locale.ROOT);
		if (scheme.equals("https")) {
			return null;
		}
		if (scheme.equals("http")) {
			return isLoopback(baseUrl.getHost()) ? null
					: "must use https: plain http would send the token in the clear (http is allowed for "
							+ "localhost, 127.0.0.1 and [::1] only)";
		}
		return "must use https";
	}

	/**
	 * Return the name of the resource.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Return the URL that requests must be at or under.
	 * @return the base URL
	 */
	public URI getBaseUrl() {
		return this.baseUrl;
	}

	/**
	 * Return the scopes of the token the resource gets.
	 * @return the scopes
	 */
	public Set<String> getScopes() {
		return this.scopes;
	}

	/**
	 * Return whether a request to the given URL gets this resource's token: same scheme,
	 * host and port as the base URL (the scheme and host in any case, the default port
	 * named or not), no user information, and a path equal to the base path or below it
	 * (at a {@code /} boundary) however the server reads it. A path that any server could
	 * decode or normalize to one outside the base path gets no token: {@code .} and
	 * {@code ..} segments however spelled ({@code %2e}, {@code %252e}, {@code ..;},
	 * {@code ..%00}, {@code ..%20}, fullwidth dots), encoded slashes and backslashes
	 * ({@code %2f}, {@code %5c}), malformed escapes and overlong UTF-8. The base path is
	 * compared as written: a request that spells it differently gets no token either.
	 * @param url the URL of the request
	 * @return whether the request gets the token
	 */
	public boolean matches(URI url) {
		String host = url.getHost();
		String scheme = url.getScheme();
		if (host == null || scheme == null || !sameIgnoringCase(host, this.host)
				|| !sameIgnoringCase(scheme, this.scheme) || effectivePort(this.scheme, url.getPort()) != this.port
				|| url.getRawUserInfo() != null) {
			return false;
		}
		String path = url.getRawPath();
		if (path == null || path.isEmpty()) {
			return this.path.isEmpty();
		}
		return pathMatches(path) && RequestPaths.staysBelow(path, this.path.length());
	}

	/**
	 * Compare exactly first: URLs mostly come with the case the configuration has.
	 */
	private static boolean sameIgnoringCase(String value, String expected) {
		return value.equals(expected) || value.equalsIgnoreCase(expected);
	}

	private boolean pathMatches(String path) {
		int length = this.path.length();
		return path.startsWith(this.path) && (path.length() == length || path.charAt(length) == '/');
	}

	private static int effectivePort(String scheme, int port) {
		if (port != -1) {
			return port;
		}
		return "https".equalsIgnoreCase(scheme) ? 443 : 80;
	}

	/**
	 * Return whether a host is a loopback address, without a name lookup.
	 * @param host the host of a URL
	 * @return whether it is {@code localhost}, an address in {@code 127.0.0.0/8} or
	 * {@code [::1]}
	 */
	static boolean isLoopback(String host) {
		if (host.equalsIgnoreCase("localhost") || host.equals("[::1]") || host.equals("::1")) {
			return true;
		}
		String[] octets = host.split("\\.", -1);
		if (octets.length != 4 || !octets[0].equals("127")) {
			return false;
		}
		for (String octet : octets) {
			if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(Character::isDigit)
					|| Integer.parseInt(octet) > 255) {
				return false;
			}
		}
		return true;
	}

	@Override
	public String toString() {
		return "ProtectedResource[name=" + this.name + ", baseUrl=" + this.baseUrl + ", scopes=" + this.scopes + "]";
	}

}
