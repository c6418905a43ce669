package dev.desktopidentity.test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Configuration of a {@link LocalIdentityProvider}, fixed when it starts.
 *
 * @param port the HTTPS port, 0 for an ephemeral one
 * @param tenantId the tenant id
 * @param tenantAliases further names accepted as the tenant path segment, lower case
 * @param users the initial users
 * @param clients registered client ids with their redirect URIs
 * @param acceptAnyClient whether unregistered client ids are accepted
 * @param consentPreGranted whether users have consented to every scope already
 * @param audience the access token audience, or {@code null} to derive it from the scopes
 * @param lifetimes the lifetimes of codes and tokens
 * @param pollingInterval the device code polling interval
 * @param frontChannel whether the browser pages are also served over plain HTTP
 * @param strictOidc whether to behave as a standards-following OpenID Connect issuer
 * @param stateDirectory where the provider keeps its state between runs, or {@code null}
 */
record ProviderSettings(int port, UUID tenantId, Set<String> tenantAliases, List<LocalUser> users,
		Map<String, Set<String>> clients, boolean acceptAnyClient, boolean consentPreGranted, @Nullable String audience,
		Lifetimes lifetimes, Duration pollingInterval, boolean frontChannel, boolean strictOidc,
		@Nullable Path stateDirectory) {

	ProviderSettings withUsers(List<LocalUser> newUsers) {
		return new ProviderSettings(this.port, this.tenantId, this.tenantAliases, List.copyOf(newUsers), this.clients,
				this.acceptAnyClient, this.consentPreGranted, this.audience, this.lifetimes, this.pollingInterval,
				this.frontChannel, this.strictOidc, this.stateDirectory);
	}

	/**
	 * Lifetimes of codes and tokens.
	 *
	 * @param accessToken initial access token lifetime
	 * @param idToken ID token lifetime
	 * @param refreshToken refresh token lifetime
	 * @param code authorization code lifetime
	 * @param deviceCode device code lifetime
	 */
	record Lifetimes(Duration accessToken, Duration idToken, Duration refreshToken, Duration code,
			Duration deviceCode) {

	}

}
