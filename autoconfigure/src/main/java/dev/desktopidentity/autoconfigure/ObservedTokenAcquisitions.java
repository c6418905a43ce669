package dev.desktopidentity.autoconfigure;

import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.observation.ObservedTokenProvider;
import io.micrometer.observation.ObservationRegistry;

/**
 * Wraps the token acquisitions of the auto-configured provider in the
 * {@code identity.token.acquisition} observation, once, for direct callers and the
 * bearer-token interceptor alike.
 */
final class ObservedTokenAcquisitions {

	private final ObservationRegistry registry;

	ObservedTokenAcquisitions(ObservationRegistry registry) {
		this.registry = registry;
	}

	InteractiveTokenProvider observe(InteractiveTokenProvider acquisitions) {
		return new ObservedTokenProvider(acquisitions, this.registry);
	}

}
