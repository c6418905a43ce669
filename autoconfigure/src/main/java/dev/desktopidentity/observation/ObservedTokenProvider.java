package dev.desktopidentity.observation;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.TokenRequest;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * {@link InteractiveTokenProvider} that records each token acquisition as the Micrometer
 * {@link Observation} {@link TokenAcquisitionObservationDocumentation#TOKEN_ACQUISITION},
 * named {@value #NAME} by default. Its key values are those of the
 * {@link TokenAcquisitionObservationConvention} given, else of the
 * {@link DefaultTokenAcquisitionObservationConvention}: where the token came from, the
 * outcome, whether the request carried a claims challenge or bypassed the token cache.
 * Scopes, accounts and tokens are not recorded.
 *
 * @since 0.1.0
 */
public final class ObservedTokenProvider implements InteractiveTokenProvider {

	/**
	 * Default name of the observation.
	 */
	public static final String NAME = DefaultTokenAcquisitionObservationConvention.DEFAULT_NAME;

	private static final TokenAcquisitionObservationConvention DEFAULT_CONVENTION = new DefaultTokenAcquisitionObservationConvention();

	private final InteractiveTokenProvider delegate;

	private final ObservationRegistry registry;

	private final @Nullable TokenAcquisitionObservationConvention convention;

	/**
	 * Create a new instance that uses the default convention.
	 * @param delegate the provider that gets the tokens
	 * @param registry the registry to record observations in
	 */
	public ObservedTokenProvider(InteractiveTokenProvider delegate, ObservationRegistry registry) {
		this(delegate, registry, null);
	}

	/**
	 * Create a new instance.
	 * @param delegate the provider that gets the tokens
	 * @param registry the registry to record observations in
	 * @param convention the convention that names the observation and its key values, or
	 * {@code null} for the default one
	 */
	public ObservedTokenProvider(InteractiveTokenProvider delegate, ObservationRegistry registry,
			@Nullable TokenAcquisitionObservationConvention convention) {
		Assert.notNull(delegate, "'delegate' must not be null");
		Assert.notNull(registry, "'registry' must not be null");
		this.delegate = delegate;
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public AccessToken getToken(TokenRequest request) {
		TokenAcquisitionObservationContext context = new TokenAcquisitionObservationContext(request);
		Observation observation = TokenAcquisitionObservationDocumentation.TOKEN_ACQUISITION
			.observation(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			AccessToken token = this.delegate.getToken(request);
			context.setToken(token);
			return token;
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

}
