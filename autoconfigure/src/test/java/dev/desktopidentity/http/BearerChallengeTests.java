package dev.desktopidentity.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BearerChallenge}.
 */
class BearerChallengeTests {

	private static final String CLAIMS = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1700000000\"}}}";

	@Test
	void findWhenEntraClaimsChallengeThenDecodesClaims() {
		String header = "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", "
				+ "client_id=\"00000003-0000-0000-c000-000000000000\", error=\"insufficient_claims\", claims=\""
				+ Base64.getEncoder().encodeToString(CLAIMS.getBytes(StandardCharsets.UTF_8)) + "\"";
		BearerChallenge challenge = BearerChallenge.find(List.of(header));
		assertThat(challenge).isNotNull();
		assertThat(challenge.isClaimsChallenge()).isTrue();
		assertThat(challenge.claims()).isEqualTo(CLAIMS);
	}

	@Test
	void findWhenInvalidTokenThenRecognized() {
		BearerChallenge challenge = BearerChallenge
			.find(List.of("Bearer error=invalid_token, error_description=\"The access token expired\""));
		assertThat(challenge).isNotNull();
		assertThat(challenge.isInvalidToken()).isTrue();
		assertThat(challenge.isClaimsChallenge()).isFalse();
	}

	@Test
	void findWhenBearerFollowsAnotherSchemeThenFindsIt() {
		BearerChallenge challenge = BearerChallenge
			.find(List.of("Basic realm=\"x\", Bearer error=\"invalid_token\""));
		assertThat(challenge).isNotNull();
		assertThat(challenge.isInvalidToken()).isTrue();
	}

	@Test
	void findWhenNoBearerChallengeThenNull() {
		assertThat(BearerChallenge.find(List.of("Basic realm=\"x\""))).isNull();
		assertThat(BearerChallenge.find(List.of())).isNull();
	}

	@Test
	void findWhenClaimsNotJsonThenNotAClaimsChallenge() {
		BearerChallenge challenge = BearerChallenge
			.find(List.of("Bearer error=\"insufficient_claims\", claims=\"bm90IGpzb24=\""));
		assertThat(challenge).isNotNull();
		assertThat(challenge.isClaimsChallenge()).isFalse();
	}

}
