package dev.desktopidentity.internal;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.TokenRequest;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * {@link InteractiveTokenProvider} that records each token acquisition as a Micrometer
 * {@link Observation} named {@value #NAME}, with low-cardinality key values only: whether
 * the request carried a claims challenge and whether it bypassed the token cache. Scopes,
 * accounts and tokens are not recorded.
 */
public final class ObservedTokenProvider implements InteractiveTokenProvider {

	/**
	 * Name of the observation.
	 */
	public static final String NAME = "identity.token.acquisition";

	private final InteractiveTokenProvider delegate;

	private final ObservationRegistry registry;

	/**
	 * Create a new instance.
	 * @param delegate the provider that gets the tokens
	 * @param registry the registry to record observations in
	 */
	public ObservedTokenProvider(InteractiveTokenProvider delegate, ObservationRegistry registry) {
		this.delegate = delegate;
		this.registry = registry;
	}

	@Override
	public AccessToken getToken(TokenRequest request) {
		return Observation.createNotStarted(NAME, this.registry)
			.contextualName("token acquisition")
			.lowCardinalityKeyValue("identity.claims-challenge", String.valueOf(request.getClaims() != null))
			.lowCardinalityKeyValue("identity.force-refresh", String.valueOf(request.isForceRefresh()))
			.observe(() -> this.delegate.getToken(request));
	}

}
