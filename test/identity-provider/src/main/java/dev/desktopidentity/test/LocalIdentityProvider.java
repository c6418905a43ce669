package dev.desktopidentity.test;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import com.nimbusds.jose.jwk.JWKSet;

/**
 * A local identity provider that serves the Microsoft identity platform v2 endpoints as
 * MSAL4J uses them (authorize, token, device code, discovery and keys) over HTTPS on
 * 127.0.0.1, with a self-signed certificate made at start. Users sign in through real
 * HTML pages, in a browser or with a {@link ScriptedUser}.
 * <p>
 * Authorization codes require S256 PKCE and are single use; refresh tokens rotate and a
 * reused one revokes its family; errors carry the AADSTS codes of Entra ID. Test hooks
 * count requests, inject faults, make users decline consent, revoke or expire tokens.
 * <p>
 * Example:
 * <pre class="code">
 * try (LocalIdentityProvider provider = LocalIdentityProvider.builder()
 *         .user("alice@contoso.test", "Passw0rd!", "Alice Example")
 *         .start()) {
 *     PublicClientApplication application = PublicClientApplication.builder("my-client-id")
 *         .authority(provider.authority())
 *         .instanceDiscovery(false)
 *         .sslSocketFactory(provider.sslContext().getSocketFactory())
 *         .build();
 *     ScriptedUser alice = ScriptedUser.of(provider, "alice@contoso.test", "Passw0rd!");
 *     // ... sign in with MSAL, letting alice play the browser ...
 *     assertThat(provider.requests().count(Endpoint.TOKEN)).isEqualTo(1);
 * }
 * </pre>
 * With Spring Boot, {@link #springProperties(String)} returns the properties that point
 * an application at the provider. Always close the provider: its listener threads keep a
 * JVM alive.
 *
 * @since 0.1.0
 * @see ScriptedUser
 */
public final class LocalIdentityProvider implements AutoCloseable {

	private final ProviderContext context;

	private final TlsIdentity tls;

	private final SSLContext clientSslContext;

	private final Listeners listeners;

	private final AtomicBoolean closed = new AtomicBoolean();

	private LocalIdentityProvider(ProviderContext context, TlsIdentity tls, Listeners listeners) {
		this.context = context;
		this.tls = tls;
		this.clientSslContext = tls.trustingContext();
		this.listeners = listeners;
	}

	/**
	 * Return a builder for a provider.
	 * @return the builder
	 */
	public static LocalIdentityProviderBuilder builder() {
		return new LocalIdentityProviderBuilder();
	}

	static LocalIdentityProvider start(ProviderSettings configured) {
		ProviderState state = (configured.stateDirectory() != null) ? ProviderState.open(configured.stateDirectory())
				: null;
		ProviderSettings settings = (state != null) ? configured.withUsers(state.users(configured.users())) : configured;
		TlsIdentity tls = (state != null) ? state.tls() : TlsIdentity.generate();
		SigningKey signingKey = (state != null) ? state.signingKey() : SigningKey.generate();
		Listeners listeners = Listeners.bind(settings.port(), (state != null) ? state.port() : 0,
				settings.frontChannel(), tls.serverContext());
		ProviderUrls urls = new ProviderUrls(listeners.httpsPort(), listeners.frontChannelPort(),
				settings.tenantId().toString(), settings.strictOidc() ? ProviderPaths.STRICT_OIDC : ProviderPaths.ENTRA);
		ProviderContext context = ProviderContext.create(settings, urls, signingKey);
		if (state != null) {
			RefreshTokenStore refreshTokens = context.refreshTokens();
			state.restore(refreshTokens, settings.users());
			refreshTokens.onChange(() -> state.save(listeners.httpsPort(), settings.users(), refreshTokens));
			state.save(listeners.httpsPort(), settings.users(), refreshTokens);
		}
		Map<Endpoint, CallHandler> handlers = Router.handlers(context);
		Map<Endpoint, CallHandler> browserHandlers = new EnumMap<>(Endpoint.class);
		Router.BROWSER_ENDPOINTS.forEach((endpoint) -> browserHandlers.put(endpoint, handlers.get(endpoint)));
		listeners.start(new Router(context, handlers, true), new Router(context, browserHandlers, false));
		return new LocalIdentityProvider(context, tls, listeners);
	}

	/**
	 * Return the authority for MSAL and {@code identity.authority}, such as
	 * {@code https://127.0.0.1:54321/3c5e8f1a-6d2b-4f7e-9a1c-8b4d2e6f0a17/}.
	 * @return the authority, with a trailing slash
	 */
	public String authority() {
		return this.context.urls().authority();
	}

	/**
	 * Return the issuer of the tokens, {@code https://127.0.0.1:PORT/TENANT_ID/v2.0}.
	 * @return the issuer
	 */
	public String issuer() {
		return this.context.urls().issuer();
	}

	/**
	 * Return the HTTPS base address, {@code https://127.0.0.1:PORT}.
	 * @return the base address
	 */
	public URI baseUri() {
		return this.context.urls().base();
	}

	/**
	 * Return the HTTPS port.
	 * @return the port
	 */
	public int port() {
		return baseUri().getPort();
	}

	/**
	 * Return the tenant id, the {@code tid} claim of every token.
	 * @return the tenant id
	 */
	public String tenantId() {
		return this.context.tenantId();
	}

	/**
	 * Return the plain HTTP base address of the browser pages, when the front channel is
	 * on.
	 * @return the base address, or empty
	 * @see LocalIdentityProviderBuilder#frontChannel(boolean)
	 */
	public Optional<URI> frontChannelUri() {
		return Optional.ofNullable(this.context.urls().frontChannel());
	}

	/**
	 * Return the address of the device verification page, the {@code verification_uri}
	 * of device codes.
	 * @return the address
	 */
	public URI deviceVerificationUri() {
		return this.context.urls().browserEndpoint(tenantId(), this.context.urls().paths().deviceVerification());
	}

	/**
	 * Return the self-signed TLS certificate.
	 * @return the certificate
	 */
	public X509Certificate certificate() {
		return this.tls.certificate();
	}

	/**
	 * Return the TLS certificate in PEM format.
	 * @return the PEM text
	 */
	public String certificatePem() {
		return this.tls.certificatePem();
	}

	/**
	 * Return an SSL context that trusts this provider's certificate and nothing else.
	 * @return the SSL context
	 */
	public SSLContext sslContext() {
		return this.clientSslContext;
	}

	/**
	 * Return the public keys that verify the provider's tokens.
	 * @return the key set
	 */
	public JWKSet tokenSigningKeys() {
		return this.context.signingKey().publicKeys();
	}

	/**
	 * Return the Spring Boot properties that point an application at this provider:
	 * {@code identity.authority}, {@code identity.authority-kind} ({@code entra-id}, or
	 * {@code oidc} in {@link LocalIdentityProviderBuilder#strictOidc(boolean) strict
	 * mode}: a loopback host is not a Microsoft Entra host),
	 * {@code identity.instance-discovery=false}, {@code identity.ssl-bundle} and the PEM SSL
	 * bundle that trusts the certificate.
	 * @param bundleName the SSL bundle name
	 * @return the properties
	 */
	public Map<String, Object> springProperties(String bundleName) {
		Objects.requireNonNull(bundleName, "'bundleName' must not be null");
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("identity.authority", authority());
		properties.put("identity.authority-kind", this.context.urls().paths().isStrictOidc() ? "oidc" : "entra-id");
		properties.put("identity.instance-discovery", false);
		properties.put("identity.ssl-bundle", bundleName);
		properties.put("spring.ssl.bundle.pem." + bundleName + ".truststore.certificate", certificatePem());
		return properties;
	}

	/**
	 * Return {@link #springProperties(String)} as {@code name=value} pairs, as
	 * {@code ApplicationContextRunner.withPropertyValues} and
	 * {@code TestPropertyValues.of} take them.
	 * @param bundleName the SSL bundle name
	 * @return the properties
	 */
	public String[] springPropertyValues(String bundleName) {
		return springProperties(bundleName).entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
	}

	/**
	 * Return a user of this provider.
	 * @param username the username, case-insensitive
	 * @return the user
	 * @throws IllegalArgumentException when there is no such user
	 */
	public LocalUser user(String username) {
		return this.context.users().require(username);
	}

	/**
	 * Return the requests received so far.
	 * @return the request log
	 */
	public RecordedRequests requests() {
		return this.context.requests();
	}

	/**
	 * Inject a fault into the next requests to an endpoint.
	 * @param endpoint the endpoint
	 * @param fault the fault
	 * @param times how many requests get it
	 */
	public void injectFault(Endpoint endpoint, Fault fault, int times) {
		Objects.requireNonNull(endpoint, "'endpoint' must not be null");
		Objects.requireNonNull(fault, "'fault' must not be null");
		if (times < 1) {
			throw new IllegalArgumentException("'times' must be at least 1");
		}
		this.context.faults().inject(endpoint, fault, times);
	}

	/**
	 * Remove the faults not yet applied.
	 */
	public void clearFaults() {
		this.context.faults().clear();
	}

	/**
	 * Make a user decline consent from now on: authorization requests end with
	 * {@code access_denied} (AADSTS65004) and the state, device codes are declined, even
	 * when consent is pre-granted.
	 * @param username the username
	 */
	public void denyConsent(String username) {
		this.context.consents().declineAlways(user(username).username());
	}

	/**
	 * Revoke a user's refresh tokens (AADSTS50173 when used) and sign the user out of
	 * every browser session.
	 * @param username the username
	 */
	public void revokeRefreshTokens(String username) {
		LocalUser user = user(username);
		this.context.refreshTokens().revokeUser(user);
		this.context.sessions().signOutEverywhere(user);
	}

	/**
	 * Make every outstanding refresh token (AADSTS700082 when used), authorization code
	 * (AADSTS70008) and device code ({@code expired_token}) expired.
	 */
	public void expireTokens() {
		this.context.refreshTokens().expireAll();
		this.context.codes().expireAll();
		this.context.devices().expireAll();
	}

	/**
	 * Run an action with the user code of every device authorization from now on, as if
	 * a person read it off the application's screen, for example
	 * {@code provider.onDeviceCode(alice::completeDeviceCode)}. The action runs on a
	 * daemon thread of its own, after the code is issued and possibly before the client
	 * has received it.
	 * @param action what to do with the user code
	 */
	public void onDeviceCode(Consumer<String> action) {
		Objects.requireNonNull(action, "'action' must not be null");
		this.context.devices().onUserCode(action);
	}

	/**
	 * Make one device code expired: the client's next poll gets {@code expired_token}.
	 * @param userCode the user code of the device authorization
	 * @throws IllegalArgumentException when no device authorization has this user code
	 */
	public void expireDeviceCode(String userCode) {
		Objects.requireNonNull(userCode, "'userCode' must not be null");
		DeviceAuthorization authorization = this.context.devices().findByUserCode(userCode);
		if (authorization == null) {
			throw new IllegalArgumentException("No device authorization has the user code " + userCode);
		}
		authorization.expire();
	}

	/**
	 * Change the lifetime of the access tokens issued from now on. MSAL refreshes an
	 * access token that has 5 minutes or less to live.
	 * @param lifetime the lifetime, not negative
	 */
	public void accessTokenLifetime(Duration lifetime) {
		Objects.requireNonNull(lifetime, "'lifetime' must not be null");
		if (lifetime.isNegative()) {
			throw new IllegalArgumentException("'lifetime' must not be negative");
		}
		this.context.tokens().accessTokenLifetime(lifetime);
	}

	/**
	 * Stop the listeners and their threads. Does nothing when already closed.
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.listeners.stop();
		}
	}

	@Override
	public String toString() {
		return "LocalIdentityProvider[" + authority() + "]";
	}

}
