package dev.desktopidentity.test;

/**
 * The state of a running provider, shared by its handlers.
 *
 * @param settings the configuration
 * @param urls the addresses
 * @param tenants the accepted tenant path segments
 * @param users the users
 * @param clients the client policy
 * @param consents the consents
 * @param sessions the browser sessions
 * @param transactions the sign-ins in progress
 * @param codes the authorization codes
 * @param refreshTokens the refresh tokens
 * @param devices the device authorizations
 * @param tokens the token factory
 * @param signingKey the token signing key
 * @param requests the request log
 * @param faults the injected faults
 */
record ProviderContext(ProviderSettings settings, ProviderUrls urls, Tenants tenants, UserDirectory users,
		ClientPolicy clients, ConsentStore consents, BrowserSessions sessions, Transactions transactions,
		CodeStore codes, RefreshTokenStore refreshTokens, DeviceAuthorizations devices, TokenFactory tokens,
		SigningKey signingKey, RecordedRequests requests, FaultInjector faults) {

	static ProviderContext create(ProviderSettings settings, ProviderUrls urls, SigningKey signingKey) {
		String tenantId = settings.tenantId().toString();
		ProviderSettings.Lifetimes lifetimes = settings.lifetimes();
		return new ProviderContext(settings, urls, new Tenants(tenantId, settings.tenantAliases()),
				new UserDirectory(settings.users()), new ClientPolicy(settings.clients(), settings.acceptAnyClient()),
				new ConsentStore(settings.consentPreGranted()), new BrowserSessions(urls.base().getPort()),
				new Transactions(urls.paths()), new CodeStore(lifetimes.code()), new RefreshTokenStore(lifetimes.refreshToken()),
				new DeviceAuthorizations(lifetimes.deviceCode()),
				new TokenFactory(signingKey, urls.issuer(), tenantId, settings.audience(), lifetimes.accessToken(),
						lifetimes.idToken(), !settings.strictOidc()),
				signingKey, new RecordedRequests(), new FaultInjector());
	}

	String tenantId() {
		return this.settings.tenantId().toString();
	}

}
