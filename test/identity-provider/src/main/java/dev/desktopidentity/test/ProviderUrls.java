package dev.desktopidentity.test;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * Addresses of the provider's listeners and endpoints.
 */
final class ProviderUrls {

	private final URI base;

	private final @Nullable URI frontChannel;

	private final String tenantId;

	private final ProviderPaths paths;

	ProviderUrls(int port, @Nullable Integer frontChannelPort, String tenantId, ProviderPaths paths) {
		this.base = URI.create("https://127.0.0.1:" + port);
		this.frontChannel = (frontChannelPort != null) ? URI.create("http://127.0.0.1:" + frontChannelPort) : null;
		this.tenantId = tenantId;
		this.paths = paths;
	}

	ProviderPaths paths() {
		return this.paths;
	}

	URI base() {
		return this.base;
	}

	@Nullable URI frontChannel() {
		return this.frontChannel;
	}

	String issuer() {
		return this.base + "/" + this.tenantId + this.paths.issuerSuffix();
	}

	String authority() {
		return this.paths.isStrictOidc() ? issuer() : this.base + "/" + this.tenantId + "/";
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
