package dev.desktopidentity.msal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's table of Microsoft Entra errors is generated from {@link EntraErrors}, the
 * map the exceptions take their advice from, so the two say the same. Run with
 * {@code -Dreadme.update=true} to write the table after changing an entry.
 */
class ReadmeTroubleshootingTableTests {

	private static final Path README = Path.of("..", "README.md");

	private static final String START = "<!-- entra-errors:start -->";

	private static final String END = "<!-- entra-errors:end -->";

	@Test
	void readmeWhenEntraErrorsChangeThenTableIsRegenerated() throws Exception {
		String readme = Files.readString(README);
		int start = readme.indexOf(START);
		int end = readme.indexOf(END);
		assertThat(start).as("README marker " + START).isNotNegative();
		assertThat(end).as("README marker " + END).isGreaterThan(start);
		String table = table();
		if (Boolean.getBoolean("readme.update")) {
			Files.writeString(README, readme.substring(0, start + START.length()) + table + readme.substring(end));
			return;
		}
		assertThat(readme.substring(start + START.length(), end))
			.as("README troubleshooting table (regenerate with -Dreadme.update=true)")
			.isEqualTo(table);
	}

	private static String table() {
		StringBuilder table = new StringBuilder("\n| Error | Meaning | What to do |\n| --- | --- | --- |\n");
		for (EntraErrors.Entry entry : EntraErrors.entries()) {
			table.append("| ")
				.append(entry.codes().stream().map((code) -> "`AADSTS" + code + "`").collect(Collectors.joining(", ")))
				.append(": ")
				.append(entry.title())
				.append(" | ")
				.append(markdown(entry.meaning()))
				.append(" | ")
				.append(markdown(entry.action()))
				.append(" |\n");
		}
		return table.toString();
	}

	/**
	 * Quote property names and scope values as code, as the rest of the README does.
	 */
	private static String markdown(String text) {
		return text.replace("|", "\\|")
			.replaceAll("(identity(?:\\.[a-z*-]+)+(?:=[a-z-]+)?)", "`$1`")
			.replaceAll("(http://localhost|Prompt\\.CONSENT|getToken\\(\\)|api://<application-id>/(?:<scope>|\\.\\.\\.))",
					"`$1`");
	}

}
