package dev.desktopidentity.observation;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractionRequiredException;
import dev.desktopidentity.SignInCancelledException;
import dev.desktopidentity.observation.TokenAcquisitionObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import org.springframework.util.Assert;

/**
 * Default {@link TokenAcquisitionObservationConvention}: the observation is named
 * {@value #DEFAULT_NAME} and has the low-cardinality key values listed in
 * {@link LowCardinalityKeyNames}, and no high-cardinality ones. Scopes, accounts and
 * tokens are never recorded. Subclasses can change one key value by overriding its
 * method.
 *
 * @since 0.1.0
 * @see TokenAcquisitionObservationDocumentation
 */
public class DefaultTokenAcquisitionObservationConvention implements TokenAcquisitionObservationConvention {

	/**
	 * Default name of the observation.
	 */
	public static final String DEFAULT_NAME = "identity.token.acquisition";

	private static final String NONE = "none";

	private final String name;

	/**
	 * Create a convention with the default name, {@value #DEFAULT_NAME}.
	 */
	public DefaultTokenAcquisitionObservationConvention() {
		this(DEFAULT_NAME);
	}

	/**
	 * Create a convention with a name of your own.
	 * @param name the name of the observation
	 */
	public DefaultTokenAcquisitionObservationConvention(String name) {
		Assert.hasText(name, "'name' must not be empty");
		this.name = name;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public String getContextualName(TokenAcquisitionObservationContext context) {
		return "token acquisition";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(TokenAcquisitionObservationContext context) {
		return KeyValues.of(tokenSource(context), outcome(context), claimsChallenge(context), forceRefresh(context),
				exception(context));
	}

	/**
	 * Return where the token came from.
	 * @param context the context
	 * @return {@code identity.token.source}
	 * @see LowCardinalityKeyNames#TOKEN_SOURCE
	 */
	protected KeyValue tokenSource(TokenAcquisitionObservationContext context) {
		AccessToken token = context.getToken();
		return LowCardinalityKeyNames.TOKEN_SOURCE.withValue((token != null) ? token.getSource().tagValue() : NONE);
	}

	/**
	 * Return how the acquisition ended.
	 * @param context the context
	 * @return {@code identity.outcome}
	 * @see LowCardinalityKeyNames#OUTCOME
	 */
	protected KeyValue outcome(TokenAcquisitionObservationContext context) {
		Throwable error = context.getError();
		String outcome;
		if (error instanceof SignInCancelledException) {
			outcome = "cancelled";
		}
		else if (error instanceof InteractionRequiredException) {
			outcome = "interaction-required";
		}
		else if (error != null) {
			outcome = "failure";
		}
		else {
			outcome = (context.getToken() != null) ? "success" : "unknown";
		}
		return LowCardinalityKeyNames.OUTCOME.withValue(outcome);
	}

	/**
	 * Return whether the request carried a claims challenge.
	 * @param context the context
	 * @return {@code identity.claims-challenge}
	 * @see LowCardinalityKeyNames#CLAIMS_CHALLENGE
	 */
	protected KeyValue claimsChallenge(TokenAcquisitionObservationContext context) {
		return LowCardinalityKeyNames.CLAIMS_CHALLENGE.withValue(String.valueOf(context.getRequest().getClaims() != null));
	}

	/**
	 * Return whether the request bypassed the token cache.
	 * @param context the context
	 * @return {@code identity.force-refresh}
	 * @see LowCardinalityKeyNames#FORCE_REFRESH
	 */
	protected KeyValue forceRefresh(TokenAcquisitionObservationContext context) {
		return LowCardinalityKeyNames.FORCE_REFRESH.withValue(String.valueOf(context.getRequest().isForceRefresh()));
	}

	/**
	 * Return the simple name of the exception the acquisition ended with.
	 * @param context the context
	 * @return {@code exception}
	 * @see LowCardinalityKeyNames#EXCEPTION
	 */
	protected KeyValue exception(TokenAcquisitionObservationContext context) {
		Throwable error = context.getError();
		if (error == null) {
			return LowCardinalityKeyNames.EXCEPTION.withValue(NONE);
		}
		String simpleName = error.getClass().getSimpleName();
		return LowCardinalityKeyNames.EXCEPTION
			.withValue(simpleName.isEmpty() ? error.getClass().getName() : simpleName);
	}

}
