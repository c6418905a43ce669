package dev.desktopidentity.autoconfigure;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.desktopidentity.http.ProtectedResource;

/**
 * The {@link ProtectedResource}s of {@code identity.resources.*}, checked at start-up.
 */
final class ProtectedResources {

	private ProtectedResources() {
	}

	static List<ProtectedResource> of(IdentityProperties properties) {
		List<ProtectedResource> resources = new ArrayList<>();
		for (Map.Entry<String, IdentityProperties.Resource> entry : properties.getResources().entrySet()) {
			resources.add(of(entry.getKey(), entry.getValue()));
		}
		return resources;
	}

	private static ProtectedResource of(String name, IdentityProperties.Resource resource) {
		String prefix = "identity.resources." + name;
		URI baseUrl = resource.getBaseUrl();
		if (baseUrl == null) {
			throw new InvalidIdentityPropertyException(prefix + ".base-url", null,
					"a resource needs the URL under which requests get its token",
					"Set " + prefix + ".base-url to the API's base URL, for example https://api.contoso.com.");
		}
		String problem = ProtectedResource.problemWithBaseUrl(baseUrl);
		if (problem != null) {
			throw new InvalidIdentityPropertyException(prefix + ".base-url", baseUrl, "the base URL " + problem,
					"Set " + prefix + ".base-url to the API's https URL.");
		}
		List<String> scopes = resource.getScopes().stream().map(String::strip).toList();
		if (scopes.isEmpty() || scopes.stream().anyMatch((scope) -> scope.isEmpty() || scope.contains(" "))) {
			throw new InvalidIdentityPropertyException(prefix + ".scopes", String.join(",", resource.getScopes()),
					"a resource needs at least one scope, each one word",
					"Set " + prefix + ".scopes to the scopes the API expects, for example api://my-api/read.");
		}
		return ProtectedResource.of(name, baseUrl, scopes);
	}

}
