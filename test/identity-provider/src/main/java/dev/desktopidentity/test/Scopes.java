package dev.desktopidentity.test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Scope lists: parsing, the OpenID Connect scopes MSAL adds, and the access token
 * audience and {@code scp} derived from resource scopes.
 */
final class Scopes {

	static final String DEFAULT_AUDIENCE = "api://local";

	private static final Set<String> OIDC = Set.of("openid", "profile", "offline_access", "email");

	private Scopes() {
	}

	static List<String> parse(@Nullable String value) {
		Set<String> scopes = new LinkedHashSet<>();
		if (value != null) {
			for (String scope : value.trim().split("\\s+")) {
				if (!scope.isEmpty()) {
					scopes.add(scope);
				}
			}
		}
		return List.copyOf(scopes);
	}

	static String join(List<String> scopes) {
		return String.join(" ", scopes);
	}

	static boolean contains(List<String> scopes, String scope) {
		return scopes.stream().anyMatch(scope::equalsIgnoreCase);
	}

	static List<String> resourceScopes(List<String> scopes) {
		return scopes.stream().filter((scope) -> !OIDC.contains(scope.toLowerCase(Locale.ROOT))).toList();
	}

	/**
	 * Return the access token audience: the configured one, else the resource of the
	 * first resource scope ({@code api://app} for {@code api://app/read}), else
	 * {@value #DEFAULT_AUDIENCE}.
	 * @param scopes the granted scopes
	 * @param configured the configured audience
	 * @return the audience
	 */
	static String audience(List<String> scopes, @Nullable String configured) {
		if (configured != null) {
			return configured;
		}
		for (String scope : resourceScopes(scopes)) {
			int slash = scope.lastIndexOf('/');
			int schemeEnd = scope.indexOf("://");
			if (slash > 0 && (schemeEnd < 0 || slash > schemeEnd + 2)) {
				return scope.substring(0, slash);
			}
		}
		return DEFAULT_AUDIENCE;
	}

	/**
	 * Return the {@code scp} claim: the resource scopes without their audience prefix,
	 * as Entra ID issues them ({@code read} for {@code api://app/read}).
	 * @param scopes the granted scopes
	 * @param audience the access token audience
	 * @return the claim value
	 */
	static String scp(List<String> scopes, String audience) {
		List<String> names = new ArrayList<>();
		String prefix = audience + "/";
		for (String scope : resourceScopes(scopes)) {
			names.add(scope.startsWith(prefix) ? scope.substring(prefix.length()) : scope);
		}
		return String.join(" ", names);
	}

}
