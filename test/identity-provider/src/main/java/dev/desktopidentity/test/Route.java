package dev.desktopidentity.test;

/**
 * The endpoint and tenant path segment of a request path such as
 * {@code /common/oauth2/v2.0/token}.
 *
 * @param endpoint the endpoint
 * @param tenant the tenant path segment, empty when there is none
 */
record Route(Endpoint endpoint, String tenant) {

	static Route of(String path, ProviderPaths paths) {
		int slash = path.indexOf('/', 1);
		if (!path.startsWith("/") || slash < 0) {
			return new Route(Endpoint.OTHER, "");
		}
		String rest = path.substring(slash);
		if (rest.length() > 1 && rest.endsWith("/")) {
			rest = rest.substring(0, rest.length() - 1);
		}
		return new Route(paths.endpoints().getOrDefault(rest, Endpoint.OTHER), path.substring(1, slash));
	}

}
