package dev.desktopidentity.observation;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractionRequiredException;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.SignInCancelledException;
import dev.desktopidentity.TokenRequest;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * {@link InteractiveTokenProvider} that records each token acquisition as a Micrometer
 * {@link Observation} named {@value #NAME}, with low-cardinality key values only: whether
 * the request carried a claims challenge, whether it bypassed the token cache, where the
 * token came from ({@code cache}, {@code refresh-token}, {@code browser},
 * {@code device-code}) and the outcome ({@code success}, {@code interaction-required},
 * {@code cancelled}, {@code failure}). Scopes, accounts and tokens are not recorded.
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
		Observation observation = Observation.createNotStarted(NAME, this.registry)
			.contextualName("token acquisition")
			.lowCardinalityKeyValue("identity.claims-challenge", String.valueOf(request.getClaims() != null))
			.lowCardinalityKeyValue("identity.force-refresh", String.valueOf(request.isForceRefresh()))
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			AccessToken token = this.delegate.getToken(request);
			observation.lowCardinalityKeyValue("identity.token.source", token.getSource().tagValue())
				.lowCardinalityKeyValue("identity.outcome", "success");
			return token;
		}
		catch (RuntimeException ex) {
			observation.lowCardinalityKeyValue("identity.token.source", "none")
				.lowCardinalityKeyValue("identity.outcome", outcome(ex))
				.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	private static String outcome(RuntimeException ex) {
		if (ex instanceof SignInCancelledException) {
			return "cancelled";
		}
		if (ex instanceof InteractionRequiredException) {
			return "interaction-required";
		}
		return "failure";
	}

}
