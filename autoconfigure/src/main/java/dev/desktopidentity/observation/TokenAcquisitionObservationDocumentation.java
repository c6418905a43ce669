package dev.desktopidentity.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Documentation of the observation of token acquisition: its name, its contextual name
 * and its key values. Every key value is low-cardinality; there are no high-cardinality
 * ones, so that no scope, account or token ends up in metrics or traces.
 *
 * @since 0.1.0
 * @see ObservedTokenProvider
 */
public enum TokenAcquisitionObservationDocumentation implements ObservationDocumentation {

	/**
	 * Acquisition of an access token for the signed-in user, named
	 * {@code identity.token.acquisition} by default, with the contextual name
	 * {@code token acquisition}: from the token cache, with a refresh token, or by
	 * interactive sign-in.
	 */
	TOKEN_ACQUISITION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultTokenAcquisitionObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

	};

	/**
	 * Low-cardinality key names of the {@link #TOKEN_ACQUISITION} observation.
	 *
	 * @since 0.1.0
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/**
		 * Where the token came from: {@code cache}, {@code refresh-token},
		 * {@code browser}, {@code device-code}, {@code other} (a token provider of the
		 * application's own), or {@code none} when no token was acquired.
		 */
		TOKEN_SOURCE {

			@Override
			public String asString() {
				return "identity.token.source";
			}

		},

		/**
		 * How the acquisition ended: {@code success}, {@code interaction-required} (the
		 * user must sign in, and the request did not allow it), {@code cancelled} (the
		 * user cancelled sign-in, or it timed out) or {@code failure}.
		 */
		OUTCOME {

			@Override
			public String asString() {
				return "identity.outcome";
			}

		},

		/**
		 * Whether the request carried a claims challenge from an API ({@code true} or
		 * {@code false}).
		 */
		CLAIMS_CHALLENGE {

			@Override
			public String asString() {
				return "identity.claims-challenge";
			}

		},

		/**
		 * Whether the request bypassed the token cache, as it does after an API rejected
		 * the token ({@code true} or {@code false}).
		 */
		FORCE_REFRESH {

			@Override
			public String asString() {
				return "identity.force-refresh";
			}

		},

		/**
		 * Simple class name of the exception the acquisition ended with, or
		 * {@code none}.
		 */
		EXCEPTION {

			@Override
			public String asString() {
				return "exception";
			}

		}

	}

}
