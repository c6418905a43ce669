package dev.desktopidentity.autoconfigure;

import java.net.MalformedURLException;
import java.util.List;
import java.util.concurrent.ExecutorService;

import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.PublicClientApplication;
import dev.desktopidentity.msal.DeferredPublicClientApplication;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link PublicClientApplication} from the {@code identity.*} properties.
 */
final class PublicClientApplicationFactory {

	private final IdentityProperties properties;

	private final IHttpClient httpClient;

	private final ExecutorService executor;

	private final @Nullable ITokenCacheAccessAspect tokenCache;

	private final List<PublicClientApplicationBuilderCustomizer> customizers;

	PublicClientApplicationFactory(IdentityProperties properties, IHttpClient httpClient, ExecutorService executor,
			@Nullable ITokenCacheAccessAspect tokenCache, List<PublicClientApplicationBuilderCustomizer> customizers) {
		this.properties = properties;
		this.httpClient = httpClient;
		this.executor = executor;
		this.tokenCache = tokenCache;
		this.customizers = customizers;
	}

	/**
	 * Check the properties and return the application. An OpenID Connect authority's
	 * application is built on first use, since building it fetches the discovery document.
	 * @return the application
	 */
	PublicClientApplication create() {
		String clientId = clientId();
		ResolvedAuthority authority = ResolvedAuthority.of(this.properties);
		checkScopes();
		if (authority.kind() == AuthorityKind.OIDC) {
			return DeferredPublicClientApplication.of(authority.display(), () -> build(clientId, authority));
		}
		return build(clientId, authority);
	}

	private PublicClientApplication build(String clientId, ResolvedAuthority authority) {
		PublicClientApplication.Builder builder = PublicClientApplication.builder(clientId);
		try {
			String url = authority.uri().toString();
			switch (authority.kind()) {
				case ENTRA_ID -> builder.authority(url);
				case ENTRA_B2C -> builder.b2cAuthority(url);
				case OIDC -> builder.oidcAuthority(url);
			}
		}
		catch (MalformedURLException | IllegalArgumentException ex) {
			throw new InvalidIdentityPropertyException("identity.authority", authority.display(),
					"MSAL4J does not accept it: " + ex.getMessage(),
					"Set identity.authority to the URL shown for your app registration's authority.");
		}
		builder.validateAuthority(this.properties.isValidateAuthority())
			.instanceDiscovery(this.properties.isInstanceDiscovery())
			.logPii(this.properties.isPiiLogging())
			.httpClient(this.httpClient)
			.executorService(this.executor);
		if (!this.properties.getClientCapabilities().isEmpty()) {
			builder.clientCapabilities(this.properties.getClientCapabilities());
		}
		if (this.tokenCache != null) {
			builder.setTokenCacheAccessAspect(this.tokenCache);
		}
		this.customizers.forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	private String clientId() {
		String clientId = this.properties.getClientId();
		if (clientId == null || clientId.isBlank()) {
			throw new InvalidIdentityPropertyException("identity.client-id", null,
					"the application (client) ID is required to sign in",
					"Set identity.client-id to the 'Application (client) ID' of your app registration (Microsoft "
							+ "Entra admin center > App registrations > your app > Overview), or to the client ID "
							+ "of your OpenID Connect client.");
		}
		if (!clientId.equals(clientId.strip())) {
			throw new InvalidIdentityPropertyException("identity.client-id", clientId,
					"it has leading or trailing white space", "Remove the white space around identity.client-id.");
		}
		return clientId;
	}

	private void checkScopes() {
		for (String scope : this.properties.getScopes()) {
			if (scope == null || scope.isBlank() || scope.strip().contains(" ")) {
				throw new InvalidIdentityPropertyException("identity.scopes", this.properties.getScopes(),
						"each scope is one non-empty word, such as 'User.Read' or 'api://my-api/access'",
						"List the scopes as separate entries: identity.scopes[0]=User.Read, or "
								+ "identity.scopes=User.Read,Mail.Read.");
			}
		}
	}

}
