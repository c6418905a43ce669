package dev.desktopidentity.test;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * Addresses of the provider's listeners and endpoints.
 */
final class ProviderUrls {

	static final String AUTHORIZE = "/oauth2/v2.0/authorize";

	static final String SIGN_IN = "/login";

	static final String TOKEN = "/oauth2/v2.0/token";

	static final String DEVICE_CODE = "/oauth2/v2.0/devicecode";

	static final String DEVICE_VERIFICATION = "/oauth2/deviceauth";

	static final String DISCOVERY = "/v2.0/.well-known/openid-configuration";

	static final String JWKS = "/discovery/v2.0/keys";

	private final URI base;

	private final @Nullable URI frontChannel;

	private final String tenantId;

	ProviderUrls(int port, @Nullable Integer frontChannelPort, String tenantId) {
		this.base = URI.create("https://127.0.0.1:" + port);
		this.frontChannel = (frontChannelPort != null) ? URI.create("http://127.0.0.1:" + frontChannelPort) : null;
		this.tenantId = tenantId;
	}

	URI base() {
		return this.base;
	}

	@Nullable URI frontChannel() {
		return this.frontChannel;
	}

	String issuer() {
		return this.base + "/" + this.tenantId + "/v2.0";
	}

	String authority() {
		return this.base + "/" + this.tenantId + "/";
	}

	URI endpoint(String tenant, String path) {
		return URI.create(this.base + "/" + tenant + path);
	}

	/**
	 * Return the address of a browser-facing endpoint: on the plain HTTP front channel
	 * when there is one.
	 * @param tenant the tenant path segment
	 * @param path the endpoint path
	 * @return the address
	 */
	URI browserEndpoint(String tenant, String path) {
		URI origin = (this.frontChannel != null) ? this.frontChannel : this.base;
		return URI.create(origin + "/" + tenant + path);
	}

}
