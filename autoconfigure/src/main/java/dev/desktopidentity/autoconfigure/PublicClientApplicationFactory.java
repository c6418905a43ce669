package dev.desktopidentity.autoconfigure;

import java.net.MalformedURLException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.PublicClientApplication;
import dev.desktopidentity.TokenAcquisitionException;
import dev.desktopidentity.msal.DeferredPublicClientApplication;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link PublicClientApplication} from the {@code identity.*} properties. The
 * properties are checked when the factory is created, at start-up; the application is
 * built when {@link #create()} is called, on first use (see
 * {@link dev.desktopidentity.msal.DeferredPublicClientApplication}).
 */
final class PublicClientApplicationFactory {

	private final IdentityProperties properties;

	private final String clientId;

	private final ResolvedAuthority authority;

	private final Supplier<IHttpClient> httpClient;

	private final Supplier<ExecutorService> executor;

	private final @Nullable ITokenCacheAccessAspect tokenCache;

	private final List<PublicClientApplicationBuilderCustomizer> customizers;

	/**
	 * Create a factory, checking the properties.
	 * @throws InvalidIdentityPropertyException if a property is not valid
	 */
	PublicClientApplicationFactory(IdentityProperties properties, Supplier<IHttpClient> httpClient,
			Supplier<ExecutorService> executor,
			@Nullable ITokenCacheAccessAspect tokenCache, List<PublicClientApplicationBuilderCustomizer> customizers) {
		this.properties = properties;
		this.clientId = clientId(properties);
		this.authority = ResolvedAuthority.of(properties);
		checkScopes(properties);
		this.httpClient = httpClient;
		this.executor = executor;
		this.tokenCache = tokenCache;
		this.customizers = customizers;
		if (this.authority.kind() != AuthorityKind.ENTRA_ID) {
			// ResolvedAuthority checks a Microsoft Entra ID authority more strictly than
			// MSAL4J does; others are checked by MSAL4J too, at the cost of loading it
			authority(PublicClientApplication.builder(this.clientId));
		}
	}

	/**
	 * Build the application. For an OpenID Connect authority, MSAL4J fetches the discovery
	 * document while it builds it.
	 * @return the application
	 * @throws TokenAcquisitionException if the discovery document cannot be read
	 */
	PublicClientApplication create() {
		PublicClientApplication.Builder builder = authority(PublicClientApplication.builder(this.clientId));
		builder.validateAuthority(this.properties.isValidateAuthority())
			.instanceDiscovery(this.properties.isInstanceDiscovery())
			.logPii(this.properties.isPiiLogging())
			.httpClient(this.httpClient.get())
			.executorService(this.executor.get());
		if (!this.properties.getClientCapabilities().isEmpty()) {
			builder.clientCapabilities(this.properties.getClientCapabilities());
		}
		if (this.tokenCache != null) {
			builder.setTokenCacheAccessAspect(this.tokenCache);
		}
		this.customizers.forEach((customizer) -> customizer.customize(builder));
		try {
			return builder.build();
		}
		catch (RuntimeException ex) {
			throw DeferredPublicClientApplication.buildFailure(this.authority.display(),
					(this.authority.kind() == AuthorityKind.OIDC) ? "Reading the OpenID Connect discovery document"
							: "Preparing to reach the identity provider",
					ex);
		}
	}

	/**
	 * Return the Microsoft Entra ID authority of an application that this factory builds
	 * from the properties alone, whose cached tokens are therefore found as MSAL4J finds
	 * them without building it: {@code null} for another kind of authority, or when
	 * customizers may change the application.
	 * @return the authority, or {@code null}
	 */
	@Nullable URI plainEntraAuthority() {
		return (this.authority.kind() == AuthorityKind.ENTRA_ID && this.customizers.isEmpty()) ? this.authority.uri()
				: null;
	}

	/**
	 * Return the client ID of the application.
	 * @return the client ID
	 */
	String clientId() {
		return this.clientId;
	}

	private PublicClientApplication.Builder authority(PublicClientApplication.Builder builder) {
		try {
			String url = this.authority.uri().toString();
			switch (this.authority.kind()) {
				case ENTRA_ID -> builder.authority(url);
				case ENTRA_B2C -> builder.b2cAuthority(url);
				case OIDC -> builder.oidcAuthority(url);
			}
			return builder;
		}
		catch (MalformedURLException | IllegalArgumentException ex) {
			throw new InvalidIdentityPropertyException("identity.authority", this.authority.display(),
					"MSAL4J does not accept it: " + ex.getMessage(),
					"Set identity.authority to the URL shown for your app registration's authority.");
		}
	}

	private static String clientId(IdentityProperties properties) {
		String clientId = properties.getClientId();
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

	private static void checkScopes(IdentityProperties properties) {
		for (String scope : properties.getScopes()) {
			if (scope == null || scope.isBlank() || scope.strip().contains(" ")) {
				throw new InvalidIdentityPropertyException("identity.scopes", properties.getScopes(),
						"each scope is one non-empty word, such as 'User.Read' or 'api://my-api/access'",
						"List the scopes as separate entries: identity.scopes[0]=User.Read, or "
								+ "identity.scopes=User.Read,Mail.Read.");
			}
		}
	}

}
