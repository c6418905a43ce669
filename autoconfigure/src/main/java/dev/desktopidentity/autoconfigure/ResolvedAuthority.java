package dev.desktopidentity.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The authority that {@code identity.authority}, {@code identity.tenant-id} and
 * {@code identity.authority-kind} describe, checked for the mistakes people make when
 * they copy it from a portal.
 *
 * @param uri the authority URL, with a trailing slash
 * @param kind the kind of authority
 */
record ResolvedAuthority(URI uri, AuthorityKind kind) {

	static final String ENTRA_PUBLIC_CLOUD = "https://login.microsoftonline.com/";

	private static final Set<String> ENTRA_HOSTS = Set.of("login.microsoftonline.com", "login.microsoftonline.us",
			"login.chinacloudapi.cn", "login.partner.microsoftonline.cn", "login.windows.net", "login.microsoft.com");

	private static final String AUTHORITY = "identity.authority";

	private static final String AUTHORITY_KIND = "identity.authority-kind";

	static ResolvedAuthority of(IdentityProperties properties) {
		String authority = properties.getAuthority();
		String tenantId = properties.getTenantId();
		if (authority == null || authority.isBlank()) {
			if (tenantId == null || tenantId.isBlank() || tenantId.contains("/")) {
				throw new InvalidIdentityPropertyException("identity.tenant-id", tenantId,
						"a tenant must be a tenant ID, a domain name, 'common', 'organizations' or 'consumers'",
						"Set identity.tenant-id to your directory (tenant) ID, or remove it to sign in to 'common'.");
			}
			return check(parse(ENTRA_PUBLIC_CLOUD + tenantId + "/"), properties.getAuthorityKind());
		}
		if (!"common".equals(tenantId)) {
			throw new InvalidIdentityPropertyException("identity.tenant-id", tenantId,
					"identity.tenant-id is a shortcut for identity.authority, and identity.authority is set too",
					"Remove identity.tenant-id, or remove identity.authority and keep the tenant ID.");
		}
		return check(parse(authority.strip()), properties.getAuthorityKind());
	}

	private static URI parse(String authority) {
		URI uri;
		try {
			uri = new URI(authority);
		}
		catch (URISyntaxException ex) {
			throw new InvalidIdentityPropertyException(AUTHORITY, authority,
					"it is not a valid URL (" + ex.getReason() + " at index " + ex.getIndex() + ")",
					"Set identity.authority to an https URL such as https://login.microsoftonline.com/<tenant-id>.");
		}
		if ("http".equalsIgnoreCase(uri.getScheme())) {
			throw new InvalidIdentityPropertyException(AUTHORITY, authority,
					"identity providers are reached over https only; tokens must never travel in clear text",
					"Change the scheme of identity.authority to https. For a local test identity provider, serve "
							+ "it over https and trust its certificate with identity.ssl-bundle.");
		}
		if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
			throw new InvalidIdentityPropertyException(AUTHORITY, authority, "it is not an absolute https URL with a host",
					"Set identity.authority to an https URL such as https://login.microsoftonline.com/<tenant-id>.");
		}
		if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
			throw new InvalidIdentityPropertyException(AUTHORITY, authority,
					"an authority has no query, fragment or user information",
					"Remove everything after the path from identity.authority.");
		}
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		return uri.resolve(path.endsWith("/") ? path : path + "/");
	}

	private static ResolvedAuthority check(URI uri, AuthorityKind kind) {
		String host = uri.getHost().toLowerCase(Locale.ROOT);
		List<String> segments = segments(uri);
		boolean b2c = host.contains("b2clogin.com") || (!segments.isEmpty() && segments.get(0).equalsIgnoreCase("tfp"));
		switch (kind) {
			case ENTRA_ID -> checkEntraId(uri, host, segments, b2c);
			case ENTRA_B2C -> checkEntraB2c(uri, segments, b2c);
			case OIDC -> checkOidc(uri, host, segments, b2c);
		}
		return new ResolvedAuthority(uri, kind);
	}

	private static void checkEntraId(URI uri, String host, List<String> segments, boolean b2c) {
		if (b2c) {
			throw kindMismatch(uri, AuthorityKind.ENTRA_ID, "it is a Microsoft Entra B2C authority", "entra-b2c");
		}
		if (segments.isEmpty() && !host.endsWith(".ciamlogin.com")) {
			throw new InvalidIdentityPropertyException(AUTHORITY, uri, "a Microsoft Entra authority names a tenant",
					"Add the tenant to identity.authority, for example https://" + host + "/<tenant-id>.");
		}
		if (segments.size() > 1) {
			throw new InvalidIdentityPropertyException(AUTHORITY, uri,
					"a Microsoft Entra authority is the host and the tenant, without '/" + String.join("/", segments.subList(1, segments.size())) + "'",
					"Set identity.authority to https://" + uri.getRawAuthority() + "/" + segments.get(0)
							+ ", or set identity.authority-kind=oidc if the URL is an OpenID Connect issuer.");
		}
	}

	private static void checkEntraB2c(URI uri, List<String> segments, boolean b2c) {
		if (!b2c) {
			throw kindMismatch(uri, AuthorityKind.ENTRA_B2C, "Microsoft Entra B2C authorities are on a '*.b2clogin.com' host or have a '/tfp/' path",
					ENTRA_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT)) ? "entra-id" : "oidc");
		}
		int named = segments.size() - ((!segments.isEmpty() && segments.get(0).equalsIgnoreCase("tfp")) ? 1 : 0);
		if (named < 2) {
			throw new InvalidIdentityPropertyException(AUTHORITY, uri,
					"a Microsoft Entra B2C authority names the tenant and the user flow",
					"Set identity.authority to https://<tenant>.b2clogin.com/tfp/<tenant>.onmicrosoft.com/<user-flow>.");
		}
	}

	private static void checkOidc(URI uri, String host, List<String> segments, boolean b2c) {
		if (b2c) {
			throw kindMismatch(uri, AuthorityKind.OIDC, "it is a Microsoft Entra B2C authority", "entra-b2c");
		}
		if (ENTRA_HOSTS.contains(host) && segments.size() == 1) {
			throw kindMismatch(uri, AuthorityKind.OIDC, "it is a Microsoft Entra ID authority", "entra-id");
		}
		if (segments.contains("oauth2") || segments.contains(".well-known")) {
			throw new InvalidIdentityPropertyException(AUTHORITY, uri,
					"an OpenID Connect authority is the issuer, not an endpoint or the discovery document",
					"Set identity.authority to the 'issuer' value of the provider's discovery document.");
		}
	}

	private static InvalidIdentityPropertyException kindMismatch(URI uri, AuthorityKind kind, String reason,
			String fittingKind) {
		return new InvalidIdentityPropertyException(AUTHORITY_KIND, kind.name().toLowerCase(Locale.ROOT).replace('_', '-'),
				"identity.authority " + uri + " does not fit this kind: " + reason,
				"Set identity.authority-kind=" + fittingKind + ", or correct identity.authority.");
	}

	private static List<String> segments(URI uri) {
		return Arrays.stream(uri.getRawPath().split("/")).filter((segment) -> !segment.isEmpty()).toList();
	}

}
