package dev.desktopidentity.autoconfigure;

import java.util.function.Supplier;

import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.observation.ObservedTokenProvider;
import dev.desktopidentity.observation.TokenAcquisitionObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Wraps the token acquisitions of the auto-configured provider in the
 * {@code identity.token.acquisition} observation, once, for direct callers and the
 * bearer-token interceptor alike.
 */
final class ObservedTokenAcquisitions {

	private final Supplier<@Nullable ObservationRegistry> registry;

	private final Supplier<@Nullable TokenAcquisitionObservationConvention> convention;

	ObservedTokenAcquisitions(Supplier<@Nullable ObservationRegistry> registry,
			Supplier<@Nullable TokenAcquisitionObservationConvention> convention) {
		this.registry = registry;
		this.convention = convention;
	}

	/**
	 * Return the given acquisitions, observed if there is an observation registry.
	 * @param acquisitions the acquisitions
	 * @return the acquisitions to call
	 */
	InteractiveTokenProvider observe(InteractiveTokenProvider acquisitions) {
		ObservationRegistry registry = this.registry.get();
		return (registry != null) ? new ObservedTokenProvider(acquisitions, registry, this.convention.get())
				: acquisitions;
	}

}
