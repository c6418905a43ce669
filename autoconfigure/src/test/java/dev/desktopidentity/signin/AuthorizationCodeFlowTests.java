package dev.desktopidentity.signin;

import java.net.URI;

import dev.desktopidentity.TokenRequest;
import dev.desktopidentity.autoconfigure.IdentityAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuthorizationCodeFlow}.
 */
class AuthorizationCodeFlowTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class))
		.withPropertyValues("identity.client-id=11111111-2222-3333-4444-555555555555",
				"identity.tenant-id=72f988bf-86f1-41af-91ab-2d7cd011db47", "identity.instance-discovery=false",
				"identity.scopes=api://app/read");

	@Test
	void beginThenAuthorizationUriAsksForResponseInRedirectQuery() {
		this.contextRunner.run((context) -> {
			PendingAuthorization pending = context.getBean(AuthorizationCodeFlow.class)
				.begin(TokenRequest.builder().build(), URI.create("http://127.0.0.1:8400/callback"));
			assertThat(pending.getAuthorizationUri().getRawQuery().split("&")).contains("response_mode=query")
				.doesNotContain("response_mode=form_post")
				.contains("state=" + pending.getState());
		});
	}

}
