package dev.desktopidentity.test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Builds and starts a {@link LocalIdentityProvider}. Every setting has a default, so
 * adding a user is enough:
 * <pre class="code">
 * LocalIdentityProvider provider = LocalIdentityProvider.builder()
 *     .user("alice@contoso.test", "Passw0rd!", "Alice Example")
 *     .start();
 * </pre>
 *
 * @since 0.1.0
 */
public final class LocalIdentityProviderBuilder {

	/**
	 * Default tenant id.
	 */
	public static final UUID DEFAULT_TENANT_ID = UUID.fromString("3c5e8f1a-6d2b-4f7e-9a1c-8b4d2e6f0a17");

	private int port;

	private UUID tenantId = DEFAULT_TENANT_ID;

	private final Set<String> tenantAliases = new LinkedHashSet<>();

	private final List<LocalUser> users = new ArrayList<>();

	private final Map<String, Set<String>> clients = new LinkedHashMap<>();

	private boolean acceptAnyClient = true;

	private boolean consentPreGranted = true;

	private @Nullable String audience;

	private Duration accessTokenLifetime = Duration.ofHours(1);

	private Duration idTokenLifetime = Duration.ofHours(1);

	private Duration refreshTokenLifetime = Duration.ofHours(24);

	private Duration codeLifetime = Duration.ofSeconds(60);

	private Duration deviceCodeLifetime = Duration.ofMinutes(15);

	private Duration pollingInterval = Duration.ofSeconds(5);

	private boolean frontChannel;

	private boolean strictOidc;

	private @Nullable Path stateDirectory;

	LocalIdentityProviderBuilder() {
	}

	/**
	 * Add a user with a random object id.
	 * @param username the username, such as {@code alice@contoso.test}
	 * @param password the password
	 * @param displayName the display name
	 * @return this builder
	 */
	public LocalIdentityProviderBuilder user(String username, String password, String displayName) {
		return user(username, password, displayName, UUID.randomUUID());
	}

	/**
	 * Add a user with a fixed object id.
	 * @param username the username, such as {@code alice@contoso.test}
	 * @param password the password
	 * @param displayName the display name
	 * @param objectId the object id, the {@code oid} claim
	 * @return this builder
	 */
	public LocalIdentityProviderBuilder user(String username, String password, String displayName, UUID objectId) {
		LocalUser user = new LocalUser(username, password, displayName, objectId);
		if (this.users.stream().anyMatch((existing) -> existing.hasUsername(username))) {
			throw new IllegalArgumentException("User '" + username + "' is already added");
		}
		this.users.add(user);
		return this;
	}

	/**
	 * Register a client with its redirect URIs. A loopback {@code http} redirect URI also
	 * admits any other loopback host and port with the same path (RFC 8252).
	 * @param clientId the client id
	 * @param redirectUris the redirect URIs
	 * @return this builder
	 */
	public LocalIdentityProviderBuilder client(String clientId, String... redirectUris) {
		Objects.requireNonNull(clientId, "'clientId' must not be null");
		this.clients.computeIfAbsent(clientId, (key) -> new LinkedHashSet<>()).addAll(List.of(redirectUris));
		return this;
	}

	/**
	 * Set whether unregistered client ids are accepted, with any loopback {@code http}
	 * redirect URI. Default {@code true}.
	 * @param acceptAnyClient whether to accept any client id
	 * @return this builder
	 */
	public LocalIdentityProviderBuilder acceptAnyClient(boolean acceptAnyClient) {
		this.acceptAnyClient = acceptAnyClient;
		return this;
	}

	/**
	 * Set whether users have already consented to every scope, so that no consent page
	 * shows unless {@code prompt=consent} asks for it. Default {@code true}.
	 * @param consentPreGranted whether consent is pre-granted
	 * @return this builder
	 */
	public LocalIdentityProviderBuilder consentPreGranted(boolean consentPreGranted) {
		this.consentPreGranted = consentPreGranted;
		return this;
	}

	/**
	 * Set the tenant id. Default {@link #DEFAULT_TENANT_ID}.
	 * @param tenantId the tenant id
	 * @return this builder
	 */
	public LocalIdentityProviderBuilder tenantId(UUID tenantId) {
		this.tenantId = Objects.requireNonNull(tenantId, "'tenantId' must not be null");
		return this;
	}

	/**
	 * Accept a further name, such as {@code contoso.test}, as the tenant path segment,
	 * besides the tenant id, {@code common} and {@code organizations}.
	 * @param alias the alias
	 * @return this builder
	 */
	public LocalIdentityProviderBuilder tenantAlias(String alias) {
		Objects.requireNonNull(alias, "'alias' must not be null");
		this.tenantAliases.add(alias.toLowerCase(Locale.ROOT));
		return this;
	}

	/**
	 * Set the audience of every access token. By default it is the resource of the first
	 * resource scope ({@code api://app} for {@code api://app/read}), or
	 * {@code api://local}.
	 * @param audience the audience
	 * @return this builder
	 */
	public LocalIdentityProviderBuilder audience(String audience) {
		this.audience = Objects.requireNonNull(audience, "'audience' must not be null");
		return this;
	}

	/**
	 * Set the access token lifetime. Default 1 hour.
	 * @param lifetime the lifetime
	 * @return this builder
	 * @see LocalIdentityProvider#accessTokenLifetime(Duration)
	 */
	public LocalIdentityProviderBuilder accessTokenLifetime(Duration lifetime) {
		this.accessTokenLifetime = notNegative(lifetime, "lifetime");
		return this;
	}

	/**
	 * Set the ID token lifetime. Default 1 hour.
	 * @param lifetime the lifetime
	 * @return this builder
	 */
	public LocalIdentityProviderBuilder idTokenLifetime(Duration lifetime) {
		this.idTokenLifetime = notNegative(lifetime, "lifetime");
		return this;
	}

	/**
	 * Set the refresh token lifetime. Default 24 hours.
	 * @param lifetime the lifetime
	 * @return this builder
	 */
	public LocalIdentityProviderBuilder refreshTokenLifetime(Duration lifetime) {
		this.refreshTokenLifetime = notNegative(lifetime, "lifetime");
		return this;
	}

	/**
	 * Set the authorization code lifetime. Default 60 seconds.
	 * @param lifetime the lifetime
	 * @return this builder
	 */
	public LocalIdentityProviderBuilder codeLifetime(Duration lifetime) {
		this.codeLifetime = notNegative(lifetime, "lifetime");
		return this;
	}

	/**
	 * Set the device code lifetime. Default 15 minutes.
	 * @param lifetime the lifetime
	 * @return this builder
	 */
	public LocalIdentityProviderBuilder deviceCodeLifetime(Duration lifetime) {
		this.deviceCodeLifetime = notNegative(lifetime, "lifetime");
		return this;
	}

	/**
	 * Set the device code polling interval, whole seconds of at least 1. Default 5
	 * seconds.
	 * @param interval the interval
	 * @return this builder
	 */
	public LocalIdentityProviderBuilder deviceCodePollingInterval(Duration interval) {
		Objects.requireNonNull(interval, "'interval' must not be null");
		if (interval.toSeconds() < 1) {
			throw new IllegalArgumentException("'interval' must be at least 1 second");
		}
		this.pollingInterval = Duration.ofSeconds(interval.toSeconds());
		return this;
	}

	/**
	 * Set the HTTPS port. Default 0, an ephemeral port.
	 * @param port the port
	 * @return this builder
	 */
	public LocalIdentityProviderBuilder port(int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("'port' must be between 0 and 65535");
		}
		this.port = port;
		return this;
	}

	/**
	 * Set whether the browser pages (authorize, sign-in and device verification) are
	 * also served over plain HTTP on another ephemeral 127.0.0.1 port, so that a person
	 * at a desktop browser meets no certificate warning. When on, the discovery
	 * document's {@code authorization_endpoint} and the device codes'
	 * {@code verification_uri} point there. Default {@code false}.
	 * @param frontChannel whether to serve the front channel
	 * @return this builder
	 */
	public LocalIdentityProviderBuilder frontChannel(boolean frontChannel) {
		this.frontChannel = frontChannel;
		return this;
	}

	/**
	 * Set whether the provider behaves as a standards-following OpenID Connect issuer
	 * (laid out like Keycloak) rather than as the Microsoft identity platform: the issuer
	 * and {@link LocalIdentityProvider#authority() authority} are
	 * {@code https://127.0.0.1:<port>/<tenant>}, endpoints are only where the discovery
	 * document ({@code /<tenant>/.well-known/openid-configuration}) says, the
	 * Microsoft paths ({@code /<tenant>/oauth2/v2.0/token} and the others) are not found,
	 * token responses carry no {@code client_info}, the token endpoint accepts only the
	 * RFC 8628 device grant type and device authorization requests must be form-encoded.
	 * Default {@code false}.
	 * @param strictOidc whether to behave as a standards-following issuer
	 * @return this builder
	 */
	public LocalIdentityProviderBuilder strictOidc(boolean strictOidc) {
		this.strictOidc = strictOidc;
		return this;
	}

	/**
	 * Keep the provider's state in the given directory, so that it survives restarts: a
	 * provider started again with the same directory has the same token signing key, TLS
	 * certificate (valid for a year), issuer and port (when that port is free; another one
	 * otherwise, and tokens then refresh) and users' object IDs, and honours the refresh
	 * tokens it issued, which it keeps by hash only. Users created on the sign-up page are
	 * not kept. The directory is created with mode 0700 if needed. Default: nothing is
	 * kept.
	 * @param directory the directory
	 * @return this builder
	 */
	public LocalIdentityProviderBuilder stateDirectory(Path directory) {
		this.stateDirectory = Objects.requireNonNull(directory, "'directory' must not be null").toAbsolutePath();
		return this;
	}

	/**
	 * Start the provider.
	 * @return the running provider, to be closed
	 */
	public LocalIdentityProvider start() {
		Map<String, Set<String>> registered = new LinkedHashMap<>();
		this.clients.forEach((clientId, uris) -> registered.put(clientId, Set.copyOf(uris)));
		ProviderSettings settings = new ProviderSettings(this.port, this.tenantId, Set.copyOf(this.tenantAliases),
				List.copyOf(this.users), Map.copyOf(registered), this.acceptAnyClient, this.consentPreGranted,
				this.audience,
				new ProviderSettings.Lifetimes(this.accessTokenLifetime, this.idTokenLifetime,
						this.refreshTokenLifetime, this.codeLifetime, this.deviceCodeLifetime),
				this.pollingInterval, this.frontChannel, this.strictOidc, this.stateDirectory);
		return LocalIdentityProvider.start(settings);
	}

	private static Duration notNegative(Duration duration, String name) {
		Objects.requireNonNull(duration, () -> "'" + name + "' must not be null");
		if (duration.isNegative()) {
			throw new IllegalArgumentException("'" + name + "' must not be negative");
		}
		return duration;
	}

}
