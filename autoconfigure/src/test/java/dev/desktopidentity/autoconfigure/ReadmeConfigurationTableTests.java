package dev.desktopidentity.autoconfigure;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;

import org.springframework.util.StreamUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's table of {@code identity.*} properties is generated from the configuration
 * metadata, so it lists every property with its IDE description and default. Run with
 * {@code -Dreadme.update=true} to write the table after changing a property.
 */
class ReadmeConfigurationTableTests {

	private static final Path README = Path.of("..", "README.md");

	private static final String START = "<!-- identity-properties:start -->";

	private static final String END = "<!-- identity-properties:end -->";

	@Test
	void readmeWhenPropertiesChangeThenTableIsRegenerated() throws Exception {
		String readme = Files.readString(README);
		int start = readme.indexOf(START);
		int end = readme.indexOf(END);
		assertThat(start).as("README marker " + START).isNotNegative();
		assertThat(end).as("README marker " + END).isGreaterThan(start);
		String table = table();
		String current = readme.substring(start + START.length(), end);
		if (Boolean.getBoolean("readme.update")) {
			Files.writeString(README, readme.substring(0, start + START.length()) + table + readme.substring(end));
			return;
		}
		assertThat(current).as("README property table (regenerate with -Dreadme.update=true)").isEqualTo(table);
	}

	@SuppressWarnings("unchecked")
	private String table() throws Exception {
		String json;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			json = StreamUtils.copyToString(in, StandardCharsets.UTF_8);
		}
		List<Map<String, Object>> properties = (List<Map<String, Object>>) (List<?>) JSONObjectUtils.parse(json)
			.get("properties");
		StringBuilder table = new StringBuilder("\n| Property | Default | Description |\n| --- | --- | --- |\n");
		properties.stream()
			.filter((property) -> ((String) property.get("name")).startsWith("identity."))
			.sorted((a, b) -> ((String) a.get("name")).compareTo((String) b.get("name")))
			.forEach((property) -> table.append("| `")
				.append(property.get("name"))
				.append("` | ")
				.append(defaultValue(property.get("defaultValue")))
				.append(" | ")
				.append(String.valueOf(property.get("description")).replace("\n", " ").replace("|", "\\|"))
				.append(" |\n"));
		return table.toString();
	}

	private static String defaultValue(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof List<?> list) {
			return list.isEmpty() ? "" : "`" + String.join(",", list.stream().map(String::valueOf).toList()) + "`";
		}
		return "`" + value + "`";
	}

}
