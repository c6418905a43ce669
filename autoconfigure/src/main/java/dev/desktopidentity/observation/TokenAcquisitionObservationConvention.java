package dev.desktopidentity.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} for the {@code identity.token.acquisition} observation.
 * Define a bean of this type to replace {@link DefaultTokenAcquisitionObservationConvention},
 * for example to add a key value of your own:
 * <pre class="code">
 * &#64;Bean
 * TokenAcquisitionObservationConvention tokenAcquisitionConvention() {
 *     return new DefaultTokenAcquisitionObservationConvention() {
 *
 *         &#64;Override
 *         public KeyValues getLowCardinalityKeyValues(TokenAcquisitionObservationContext context) {
 *             return super.getLowCardinalityKeyValues(context).and("app.tier", "desktop");
 *         }
 *
 *     };
 * }
 * </pre>
 *
 * @since 0.1.0
 * @see TokenAcquisitionObservationDocumentation
 */
public interface TokenAcquisitionObservationConvention extends ObservationConvention<TokenAcquisitionObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof TokenAcquisitionObservationContext;
	}

}
