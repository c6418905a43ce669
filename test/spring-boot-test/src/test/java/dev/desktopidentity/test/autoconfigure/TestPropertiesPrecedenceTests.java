package dev.desktopidentity.test.autoconfigure;

import java.nio.file.Path;

import dev.desktopidentity.test.LocalIdentityProvider;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The properties a test sets itself take precedence over those of
 * {@link AutoConfigureLocalIdentityProvider}, which take precedence over the
 * application's configuration, here an {@code identity.authority}.
 */
@SpringBootTest(properties = { "identity.cache.location=${java.io.tmpdir}/desktop-identity-from-the-test",
		"identity.client-id=from-the-test" })
@AutoConfigureLocalIdentityProvider
@ActiveProfiles("entra-authority")
class TestPropertiesPrecedenceTests {

	@Test
	void contextWhenTestSetsPropertiesThenTheyWin(@Autowired Environment environment, LocalIdentityProvider provider) {
		assertThat(environment.getProperty("identity.cache.location"))
			.isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "desktop-identity-from-the-test").toString());
		assertThat(environment.getProperty("identity.client-id")).isEqualTo("from-the-test");
		assertThat(environment.getProperty("identity.authority")).isEqualTo(provider.authority());
	}

}
