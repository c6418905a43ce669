package dev.desktopidentity.autoconfigure;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;

import org.springframework.util.StreamUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the configuration metadata generated from {@link IdentityProperties}.
 */
class IdentityPropertiesMetadataTests {

	@Test
	@SuppressWarnings("unchecked")
	void metadataWhenGeneratedThenDescribesEveryIdentityProperty() throws Exception {
		String json;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			json = StreamUtils.copyToString(in, StandardCharsets.UTF_8);
		}
		List<Map<String, Object>> properties = (List<Map<String, Object>>) (List<?>) JSONObjectUtils.parse(json)
			.get("properties");
		List<String> names = new ArrayList<>();
		for (Map<String, Object> property : properties) {
			String name = (String) property.get("name");
			if (name.startsWith("identity.")) {
				names.add(name);
				assertThat((String) property.get("description")).as(name).isNotBlank().doesNotStartWith("The ");
			}
		}
		assertThat(names).contains("identity.client-id", "identity.authority", "identity.tenant-id",
				"identity.authority-kind", "identity.scopes", "identity.instance-discovery",
				"identity.validate-authority", "identity.client-capabilities", "identity.connect-timeout",
				"identity.read-timeout", "identity.proxy.host", "identity.proxy.port", "identity.ssl-bundle",
				"identity.pii-logging");
	}

}
