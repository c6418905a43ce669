package dev.desktopidentity.autoconfigure;

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

	private final ObservationRegistry registry;

	private final @Nullable TokenAcquisitionObservationConvention convention;

	ObservedTokenAcquisitions(ObservationRegistry registry, @Nullable TokenAcquisitionObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	InteractiveTokenProvider observe(InteractiveTokenProvider acquisitions) {
		return new ObservedTokenProvider(acquisitions, this.registry, this.convention);
	}

}
