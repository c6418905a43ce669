package dev.desktopidentity.autoconfigure;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.desktopidentity.cache.CacheProtection;
import dev.desktopidentity.signin.InteractiveMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for signing in to the Microsoft identity platform or an OpenID
 * Connect provider from a desktop or console application.
 *
 * @author desktop-identity
 * @since 0.1.0
 */
@ConfigurationProperties("identity")
public class IdentityProperties {

	/**
	 * Application (client) ID of the app registration.
	 */
	private @Nullable String clientId;

	/**
	 * URL of the authority that signs users in, for example
	 * 'https://login.microsoftonline.com/contoso.onmicrosoft.com'. When not set, the Microsoft
	 * Entra authority of the tenant named by 'identity.tenant-id' is used.
	 */
	private @Nullable String authority;

	/**
	 * Microsoft Entra tenant, as an ID, a domain name, 'common', 'organizations' or
	 * 'consumers'. Shortcut for 'identity.authority' with the public Microsoft Entra cloud.
	 */
	private String tenantId = "common";

	/**
	 * Kind of authority named by 'identity.authority'. When not set, inferred from it:
	 * 'entra-id' for Microsoft Entra hosts, 'entra-b2c' for '*.b2clogin.com' hosts and
	 * '/tfp/' paths, 'oidc' for any other issuer.
	 */
	private @Nullable AuthorityKind authorityKind;

	/**
	 * Scopes requested when a caller names none, for example 'User.Read'.
	 */
	private List<String> scopes = new ArrayList<>();

	/**
	 * Whether to look up the authority's cloud instance metadata from the Microsoft Entra
	 * instance discovery endpoint before the first token request. Turn off for sovereign
	 * or private clouds that the discovery endpoint does not know, and for local test
	 * identity providers.
	 */
	private boolean instanceDiscovery = true;

	/**
	 * Whether to check that the authority is a known Microsoft Entra host.
	 */
	private boolean validateAuthority = true;

	/**
	 * Client capabilities declared to the identity provider, for example 'cp1' to receive
	 * claims challenges from continuous access evaluation.
	 */
	private Set<String> clientCapabilities = new LinkedHashSet<>();

	/**
	 * Timeout for connecting to the identity provider.
	 */
	private Duration connectTimeout = Duration.ofSeconds(10);

	/**
	 * Timeout for reading a response from the identity provider.
	 */
	private Duration readTimeout = Duration.ofSeconds(30);

	/**
	 * Name of the SSL bundle ('spring.ssl.bundle.*') whose trust material is used for
	 * connections to the identity provider. When not set, the JVM's default trust store is
	 * used.
	 */
	private @Nullable String sslBundle;

	/**
	 * Whether MSAL4J may write personal data, such as user names and token claims, to its
	 * logs.
	 */
	private boolean piiLogging;

	private final Proxy proxy = new Proxy();

	private final Interactive interactive = new Interactive();

	private final Account account = new Account();

	private final Cache cache = new Cache();

	/**
	 * APIs that get the signed-in user's access token from the auto-configured RestTemplate
	 * and RestClient builders, by name.
	 */
	private final Map<String, Resource> resources = new LinkedHashMap<>();

	public @Nullable String getClientId() {
		return this.clientId;
	}

	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	public @Nullable String getAuthority() {
		return this.authority;
	}

	public void setAuthority(@Nullable String authority) {
		this.authority = authority;
	}

	public String getTenantId() {
		return this.tenantId;
	}

	public void setTenantId(String tenantId) {
		this.tenantId = tenantId;
	}

	public @Nullable AuthorityKind getAuthorityKind() {
		return this.authorityKind;
	}

	public void setAuthorityKind(@Nullable AuthorityKind authorityKind) {
		this.authorityKind = authorityKind;
	}

	public List<String> getScopes() {
		return this.scopes;
	}

	public void setScopes(List<String> scopes) {
		this.scopes = scopes;
	}

	public boolean isInstanceDiscovery() {
		return this.instanceDiscovery;
	}

	public void setInstanceDiscovery(boolean instanceDiscovery) {
		this.instanceDiscovery = instanceDiscovery;
	}

	public boolean isValidateAuthority() {
		return this.validateAuthority;
	}

	public void setValidateAuthority(boolean validateAuthority) {
		this.validateAuthority = validateAuthority;
	}

	public Set<String> getClientCapabilities() {
		return this.clientCapabilities;
	}

	public void setClientCapabilities(Set<String> clientCapabilities) {
		this.clientCapabilities = clientCapabilities;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public @Nullable String getSslBundle() {
		return this.sslBundle;
	}

	public void setSslBundle(@Nullable String sslBundle) {
		this.sslBundle = sslBundle;
	}

	public boolean isPiiLogging() {
		return this.piiLogging;
	}

	public void setPiiLogging(boolean piiLogging) {
		this.piiLogging = piiLogging;
	}

	public Proxy getProxy() {
		return this.proxy;
	}

	public Interactive getInteractive() {
		return this.interactive;
	}

	public Account getAccount() {
		return this.account;
	}

	public Cache getCache() {
		return this.cache;
	}

	public Map<String, Resource> getResources() {
		return this.resources;
	}

	/**
	 * HTTP proxy for connections to the identity provider.
	 */
	public static class Proxy {

		/**
		 * Host name or address of the HTTP proxy. When not set, the JVM's default proxy
		 * selector decides.
		 */
		private @Nullable String host;

		/**
		 * Port of the HTTP proxy.
		 */
		private int port = 8080;

		public @Nullable String getHost() {
			return this.host;
		}

		public void setHost(@Nullable String host) {
			this.host = host;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

	}

	/**
	 * Interactive sign-in in the system browser.
	 */
	public static class Interactive {

		/**
		 * How to sign in when the token cache cannot answer: 'auto' (the browser where
		 * one can be opened, else a device code), 'browser', 'device-code' or 'none'
		 * (never; fail and say how to sign in).
		 */
		private InteractiveMode mode = InteractiveMode.AUTO;

		/**
		 * Loopback redirect URI registered for the app ('http://localhost',
		 * 'http://127.0.0.1' or 'http://[::1]', optionally with a port and a path). Without
		 * a port, a free port is used for each sign-in.
		 */
		private URI redirectUri = URI.create("http://localhost");

		/**
		 * How long to wait for the user to complete sign-in, in the browser or with a device
		 * code.
		 */
		private Duration timeout = Duration.ofMinutes(5);

		/**
		 * Command that opens the browser, as the program and its arguments; an argument
		 * '{url}' is replaced by the sign-in URL, which is otherwise appended. When not
		 * set, the platform's opener starts the default browser.
		 */
		private List<String> browserCommand = new ArrayList<>();

		/**
		 * HTML page the browser shows when sign-in has succeeded.
		 */
		private @Nullable String successHtml;

		/**
		 * URL the browser is sent to when sign-in has succeeded, instead of the success
		 * page.
		 */
		private @Nullable URI successRedirect;

		/**
		 * HTML page the browser shows when sign-in has failed; '{error}' and
		 * '{error_description}' are replaced by the identity provider's error.
		 */
		private @Nullable String errorHtml;

		/**
		 * URL the browser is sent to when sign-in has failed, with 'error' and
		 * 'error_description' query parameters, instead of the error page.
		 */
		private @Nullable URI errorRedirect;

		public InteractiveMode getMode() {
			return this.mode;
		}

		public void setMode(InteractiveMode mode) {
			this.mode = mode;
		}

		public URI getRedirectUri() {
			return this.redirectUri;
		}

		public void setRedirectUri(URI redirectUri) {
			this.redirectUri = redirectUri;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public List<String> getBrowserCommand() {
			return this.browserCommand;
		}

		public void setBrowserCommand(List<String> browserCommand) {
			this.browserCommand = browserCommand;
		}

		public @Nullable String getSuccessHtml() {
			return this.successHtml;
		}

		public void setSuccessHtml(@Nullable String successHtml) {
			this.successHtml = successHtml;
		}

		public @Nullable URI getSuccessRedirect() {
			return this.successRedirect;
		}

		public void setSuccessRedirect(@Nullable URI successRedirect) {
			this.successRedirect = successRedirect;
		}

		public @Nullable String getErrorHtml() {
			return this.errorHtml;
		}

		public void setErrorHtml(@Nullable String errorHtml) {
			this.errorHtml = errorHtml;
		}

		public @Nullable URI getErrorRedirect() {
			return this.errorRedirect;
		}

		public void setErrorRedirect(@Nullable URI errorRedirect) {
			this.errorRedirect = errorRedirect;
		}

	}

	/**
	 * Which signed-in account to use.
	 */
	public static class Account {

		/**
		 * User name of the account to use when several have signed in; also filled in on
		 * the sign-in page. When not set, the account that signed in last is used.
		 */
		private @Nullable String username;

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

	}

	/**
	 * Token cache kept between runs.
	 */
	public static class Cache {

		/**
		 * Whether to keep tokens between runs in a cache on the disk, shared by the
		 * application's processes.
		 */
		private boolean enabled = true;

		/**
		 * Directory of the token cache. When not set, 'desktop-identity/<client-id>' in the
		 * user's cache directory: '$XDG_CACHE_HOME' or '~/.cache' on Linux,
		 * '~/Library/Caches' on macOS, '%LOCALAPPDATA%' on Windows.
		 */
		private @Nullable Path location;

		/**
		 * How tokens are protected on the disk.
		 */
		private CacheProtection protection = CacheProtection.AUTO;

		/**
		 * Whether protection 'auto' may keep tokens in a plain file readable only by the
		 * user when no operating-system secret store works.
		 */
		private boolean allowUnprotected;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Path getLocation() {
			return this.location;
		}

		public void setLocation(@Nullable Path location) {
			this.location = location;
		}

		public CacheProtection getProtection() {
			return this.protection;
		}

		public void setProtection(CacheProtection protection) {
			this.protection = protection;
		}

		public boolean isAllowUnprotected() {
			return this.allowUnprotected;
		}

		public void setAllowUnprotected(boolean allowUnprotected) {
			this.allowUnprotected = allowUnprotected;
		}

	}

	/**
	 * An API that gets the signed-in user's access token.
	 */
	public static class Resource {

		/**
		 * URL under which requests get the token, for example
		 * 'https://graph.microsoft.com/v1.0'. Must be https, or http to localhost, 127.0.0.1
		 * or [::1].
		 */
		private @Nullable URI baseUrl;

		/**
		 * Scopes of the token the API gets, for example 'api://my-api/read'.
		 */
		private List<String> scopes = new ArrayList<>();

		public @Nullable URI getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(@Nullable URI baseUrl) {
			this.baseUrl = baseUrl;
		}

		public List<String> getScopes() {
			return this.scopes;
		}

		public void setScopes(List<String> scopes) {
			this.scopes = scopes;
		}

	}

}
