package dev.desktopidentity.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The authority that {@code identity.authority}, {@code identity.tenant-id} and
 * {@code identity.authority-kind} describe, checked for the mistakes people make when
 * they copy it from a portal. Without {@code identity.authority-kind}, the kind is
 * inferred from the URL: a Microsoft Entra host is {@link AuthorityKind#ENTRA_ID}, a
 * {@code *.b2clogin.com} host or a {@code /tfp/} path {@link AuthorityKind#ENTRA_B2C}, and
 * any other issuer {@link AuthorityKind#OIDC}.
 *
 * @param uri the authority URL, with a trailing slash, as MSAL4J takes it
 * @param kind the kind of authority
 * @param display the authority as the user wrote it, without a trailing slash, for
 * messages
 */
record ResolvedAuthority(URI uri, AuthorityKind kind, String display) {

	static final String ENTRA_PUBLIC_CLOUD = "https://login.microsoftonline.com/";

	private static final Set<String> ENTRA_HOSTS = Set.of("login.microsoftonline.com", "login.microsoftonline.us",
			"login.chinacloudapi.cn", "login.partner.microsoftonline.cn", "login.windows.net", "login.microsoft.com",
			"login.microsoftonline.de", "login.sovcloud-identity.fr", "login.sovcloud-identity.de",
			"login.sovcloud-identity.sg");

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
			return check(parse(ENTRA_PUBLIC_CLOUD + tenantId), properties.getAuthorityKind());
		}
		if (!"common".equals(tenantId)) {
			throw new InvalidIdentityPropertyException("identity.tenant-id", tenantId,
					"identity.tenant-id is a shortcut for identity.authority, and identity.authority is set too",
					"Remove identity.tenant-id, or remove identity.authority and keep the tenant ID.");
		}
		return check(parse(authority.strip()), properties.getAuthorityKind());
	}

	private static Parsed parse(String authority) {
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
		return new Parsed(uri.resolve(path.endsWith("/") ? path : path + "/"), authority);
	}

	private static ResolvedAuthority check(Parsed parsed, @Nullable AuthorityKind configuredKind) {
		URI uri = parsed.uri();
		String host = uri.getHost().toLowerCase(Locale.ROOT);
		List<String> segments = segments(uri);
		boolean b2c = host.endsWith("b2clogin.com") || (!segments.isEmpty() && segments.get(0).equalsIgnoreCase("tfp"));
		boolean entraHost = ENTRA_HOSTS.contains(host) || host.endsWith(".ciamlogin.com");
		AuthorityKind inferred = b2c ? AuthorityKind.ENTRA_B2C : entraHost ? AuthorityKind.ENTRA_ID : AuthorityKind.OIDC;
		AuthorityKind kind = (configuredKind != null) ? configuredKind : inferred;
		switch (kind) {
			case ENTRA_ID -> checkEntraId(parsed, host, segments, b2c, entraHost);
			case ENTRA_B2C -> checkEntraB2c(parsed, segments, b2c, inferred);
			case OIDC -> checkOidc(parsed, segments, b2c, entraHost);
		}
		return new ResolvedAuthority(uri, kind, parsed.display());
	}

	private static void checkEntraId(Parsed parsed, String host, List<String> segments, boolean b2c,
			boolean entraHost) {
		if (b2c) {
			throw kindMismatch(parsed, AuthorityKind.ENTRA_ID, "it is a Microsoft Entra B2C authority",
					AuthorityKind.ENTRA_B2C);
		}
		if (segments.isEmpty() && !host.endsWith(".ciamlogin.com")) {
			throw new InvalidIdentityPropertyException(AUTHORITY, parsed.display(),
					"a Microsoft Entra authority names a tenant",
					"Add the tenant to identity.authority, for example https://" + parsed.uri().getRawAuthority()
							+ "/<tenant-id>.");
		}
		if (segments.size() > 1) {
			if (!entraHost) {
				throw kindMismatch(parsed, AuthorityKind.ENTRA_ID, "a Microsoft Entra authority is a host and a tenant, "
						+ "and " + host + " is not a Microsoft Entra host", AuthorityKind.OIDC);
			}
			throw new InvalidIdentityPropertyException(AUTHORITY, parsed.display(),
					"a Microsoft Entra authority is the host and the tenant, without '/"
							+ String.join("/", segments.subList(1, segments.size())) + "'",
					"Set identity.authority to https://" + parsed.uri().getRawAuthority() + "/" + segments.get(0) + ".");
		}
	}

	private static void checkEntraB2c(Parsed parsed, List<String> segments, boolean b2c, AuthorityKind inferred) {
		if (!b2c) {
			throw kindMismatch(parsed, AuthorityKind.ENTRA_B2C,
					"Microsoft Entra B2C authorities are on a '*.b2clogin.com' host or have a '/tfp/' path", inferred);
		}
		int named = segments.size() - ((!segments.isEmpty() && segments.get(0).equalsIgnoreCase("tfp")) ? 1 : 0);
		if (named < 2) {
			throw new InvalidIdentityPropertyException(AUTHORITY, parsed.display(),
					"a Microsoft Entra B2C authority names the tenant and the user flow",
					"Set identity.authority to https://<tenant>.b2clogin.com/tfp/<tenant>.onmicrosoft.com/<user-flow>.");
		}
	}

	private static void checkOidc(Parsed parsed, List<String> segments, boolean b2c, boolean entraHost) {
		if (b2c) {
			throw kindMismatch(parsed, AuthorityKind.OIDC, "it is a Microsoft Entra B2C authority",
					AuthorityKind.ENTRA_B2C);
		}
		if (entraHost && segments.size() == 1) {
			throw kindMismatch(parsed, AuthorityKind.OIDC, "it is a Microsoft Entra ID authority",
					AuthorityKind.ENTRA_ID);
		}
		if (segments.contains("oauth2") || segments.contains(".well-known") || segments.contains("protocol")) {
			throw new InvalidIdentityPropertyException(AUTHORITY, parsed.display(),
					"an OpenID Connect authority is the issuer, not an endpoint or the discovery document",
					"Set identity.authority to the 'issuer' value of the provider's discovery document"
							+ issuerHint(parsed, segments) + ".");
		}
	}

	/**
	 * Suggest the issuer of a URL that goes on past it, such as a Keycloak endpoint.
	 */
	private static String issuerHint(Parsed parsed, List<String> segments) {
		int end = segments.size();
		for (String marker : List.of("protocol", ".well-known", "oauth2")) {
			int index = segments.indexOf(marker);
			if (index > 0 && index < end) {
				end = index;
			}
		}
		if (end == segments.size() || end == 0) {
			return "";
		}
		return ", probably https://" + parsed.uri().getRawAuthority() + "/" + String.join("/", segments.subList(0, end));
	}

	private static InvalidIdentityPropertyException kindMismatch(Parsed parsed, AuthorityKind kind, String reason,
			AuthorityKind fitting) {
		return new InvalidIdentityPropertyException(AUTHORITY_KIND, name(kind),
				"identity.authority " + parsed.display() + " does not fit this kind: " + reason,
				"Remove identity.authority-kind: without it, the kind is inferred from identity.authority (here "
						+ name(fitting) + "). Or correct identity.authority.");
	}

	private static String name(AuthorityKind kind) {
		return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	private static List<String> segments(URI uri) {
		return Arrays.stream(uri.getRawPath().split("/")).filter((segment) -> !segment.isEmpty()).toList();
	}

	/**
	 * An authority URL as MSAL4J takes it, and as the user wrote it.
	 */
	private record Parsed(URI uri, String display) {

		Parsed(URI uri, String display) {
			this.uri = uri;
			this.display = display.replaceAll("/+$", "");
		}

	}

}
