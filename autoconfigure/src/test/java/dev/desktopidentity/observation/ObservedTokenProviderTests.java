package dev.desktopidentity.observation;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractionRequiredException;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.SignInCancelledException;
import dev.desktopidentity.SignInFailedException;
import dev.desktopidentity.SignedInAccount;
import dev.desktopidentity.TokenRequest;
import dev.desktopidentity.TokenSource;
import dev.desktopidentity.observation.TokenAcquisitionObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.GlobalObservationConvention;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ObservedTokenProvider} with the
 * {@link DefaultTokenAcquisitionObservationConvention} and conventions of an application's
 * own.
 */
class ObservedTokenProviderTests {

	private static final String TOKEN_VALUE = "eyJ0eXAiOiJKV1QifQ.secret-token-value";

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	@Test
	void getTokenWhenFromRefreshTokenThenObservedWithSourceAndSuccess() {
		new ObservedTokenProvider(answering(TokenSource.REFRESH_TOKEN), this.registry)
			.getToken(TokenRequest.forScopes("api://orders/read"));
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("identity.token.acquisition")
			.that()
			.hasContextualNameEqualTo("token acquisition")
			.hasLowCardinalityKeyValue("identity.token.source", "refresh-token")
			.hasLowCardinalityKeyValue("identity.outcome", "success")
			.hasLowCardinalityKeyValue("identity.claims-challenge", "false")
			.hasLowCardinalityKeyValue("identity.force-refresh", "false")
			.hasLowCardinalityKeyValue("exception", "none")
			.hasBeenStarted()
			.hasBeenStopped();
	}

	@Test
	void getTokenWhenClaimsChallengeAndForceRefreshThenBothRecorded() {
		new ObservedTokenProvider(answering(TokenSource.BROWSER), this.registry).getToken(TokenRequest.builder()
			.scopes("api://orders/read")
			.claims("{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}")
			.forceRefresh(true)
			.build());
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("identity.token.acquisition")
			.that()
			.hasLowCardinalityKeyValue("identity.claims-challenge", "true")
			.hasLowCardinalityKeyValue("identity.force-refresh", "true")
			.hasLowCardinalityKeyValue("identity.token.source", "browser");
	}

	@Test
	void getTokenWhenSignInCancelledThenObservedAsCancelledWithItsException() {
		assertOutcome(new SignInCancelledException("Sign-in was cancelled", null), "cancelled",
				"SignInCancelledException");
	}

	@Test
	void getTokenWhenInteractionRequiredThenObservedAsInteractionRequired() {
		assertOutcome(new InteractionRequiredException("Sign in first", "interaction_required", null),
				"interaction-required", "InteractionRequiredException");
	}

	@Test
	void getTokenWhenSignInFailsThenObservedAsFailure() {
		assertOutcome(new SignInFailedException("Declined", "access_denied", null, null), "failure",
				"SignInFailedException");
	}

	@Test
	void getTokenWhenUnexpectedExceptionThenObservedAsFailureAndRethrown() {
		assertOutcome(new IllegalStateException("broken"), "failure", "IllegalStateException");
	}

	@Test
	void getTokenWhenConventionGivenThenItNamesTheObservationAndItsKeyValues() {
		TokenAcquisitionObservationConvention convention = new DefaultTokenAcquisitionObservationConvention(
				"desktop.token") {

			@Override
			public KeyValues getLowCardinalityKeyValues(TokenAcquisitionObservationContext context) {
				return super.getLowCardinalityKeyValues(context).and("app.tier", "desktop");
			}

		};
		new ObservedTokenProvider(answering(TokenSource.CACHE), this.registry, convention)
			.getToken(TokenRequest.forScopes("User.Read"));
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsWithNameEqualTo("identity.token.acquisition", 0)
			.hasObservationWithNameEqualTo("desktop.token")
			.that()
			.hasLowCardinalityKeyValue("app.tier", "desktop")
			.hasLowCardinalityKeyValue("identity.token.source", "cache");
	}

	@Test
	void getTokenWhenGlobalConventionRegisteredThenItReplacesTheDefault() {
		this.registry.observationConfig().observationConvention(new GlobalTokenConvention());
		new ObservedTokenProvider(answering(TokenSource.CACHE), this.registry)
			.getToken(TokenRequest.forScopes("User.Read"));
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("global.token")
			.that()
			.hasLowCardinalityKeyValue("global", "yes");
	}

	@Test
	void defaultConventionHasExactlyTheDocumentedKeysAndNeverTheToken() {
		TokenAcquisitionObservationContext context = new TokenAcquisitionObservationContext(
				TokenRequest.forScopes("User.Read"));
		context.setToken(token(TokenSource.CACHE));
		KeyValues keyValues = new DefaultTokenAcquisitionObservationConvention().getLowCardinalityKeyValues(context);
		assertThat(keyValues.stream().map(KeyValue::getKey)).containsExactlyInAnyOrderElementsOf(
				Arrays.stream(LowCardinalityKeyNames.values()).map(KeyName::asString).toList());
		assertThat(TokenAcquisitionObservationDocumentation.TOKEN_ACQUISITION.getLowCardinalityKeyNames())
			.containsExactly(LowCardinalityKeyNames.values());
		assertThat(TokenAcquisitionObservationDocumentation.TOKEN_ACQUISITION.getHighCardinalityKeyNames()).isEmpty();
		assertThat(keyValues.stream().map(KeyValue::getValue)).noneMatch((value) -> value.contains("secret-token"))
			.noneMatch((value) -> value.contains("alice"));
	}

	@Test
	void defaultConventionWhileTokenIsBeingAcquiredThenOutcomeUnknown() {
		TokenAcquisitionObservationContext context = new TokenAcquisitionObservationContext(
				TokenRequest.forScopes("User.Read"));
		KeyValues keyValues = new DefaultTokenAcquisitionObservationConvention().getLowCardinalityKeyValues(context);
		assertThat(keyValues).contains(KeyValue.of("identity.outcome", "unknown"),
				KeyValue.of("identity.token.source", "none"));
	}

	private void assertOutcome(RuntimeException failure, String outcome, String exception) {
		ObservedTokenProvider provider = new ObservedTokenProvider((request) -> {
			throw failure;
		}, this.registry);
		assertThatExceptionOfType(failure.getClass())
			.isThrownBy(() -> provider.getToken(TokenRequest.forScopes("User.Read")))
			.isSameAs(failure);
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("identity.token.acquisition")
			.that()
			.hasLowCardinalityKeyValue("identity.outcome", outcome)
			.hasLowCardinalityKeyValue("identity.token.source", "none")
			.hasLowCardinalityKeyValue("exception", exception)
			.hasError(failure)
			.hasBeenStopped();
	}

	private static InteractiveTokenProvider answering(TokenSource source) {
		return (request) -> token(source);
	}

	private static AccessToken token(TokenSource source) {
		return new AccessToken(TOKEN_VALUE, Instant.now().plusSeconds(3600), Set.of("User.Read"),
				new SignedInAccount("alice@contoso.test", "alice.home", "login.test"), null, source);
	}

	static class GlobalTokenConvention extends DefaultTokenAcquisitionObservationConvention
			implements GlobalObservationConvention<TokenAcquisitionObservationContext> {

		GlobalTokenConvention() {
			super("global.token");
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(TokenAcquisitionObservationContext context) {
			return super.getLowCardinalityKeyValues(context).and("global", "yes");
		}

	}

}
