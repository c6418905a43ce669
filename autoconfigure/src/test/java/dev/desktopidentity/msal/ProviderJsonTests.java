package dev.desktopidentity.msal;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ProviderJson}.
 */
class ProviderJsonTests {

	private static final String SECRET = "rt-secret-0123456789";

	@Test
	void parseWhenObjectThenHasMembersInOrderWithTheirTypes() throws ParseException {
		Map<String, Object> json = ProviderJson.parse(
				"{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext\":9999999999,\"ratio\":0.5,\"ok\":true,"
						+ "\"none\":null,\"scopes\":[\"a\",\"b\"],\"nested\":{\"k\":\"\\u00e9\\n\"}}");
		assertThat(json.keySet()).containsExactly("token_type", "expires_in", "ext", "ratio", "ok", "none", "scopes",
				"nested");
		assertThat(json).containsEntry("expires_in", 3599)
			.containsEntry("ext", 9999999999L)
			.containsEntry("ratio", 0.5)
			.containsEntry("ok", true)
			.containsEntry("none", null)
			.containsEntry("scopes", List.of("a", "b"))
			.containsEntry("nested", Map.of("k", "\u00e9\n"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "[]", "\"text\"", "42", "null", "{\"a\":1,}", "{'a':1}", "{\"a\":1} {}",
			"{\"a\":1} trailing", "<html>Bad gateway</html>", "{\"refresh_token\":\"" + SECRET + "\"" })
	void parseWhenNotExactlyOneObjectThenFailsWithoutQuotingIt(String text) {
		assertThatExceptionOfType(ParseException.class).isThrownBy(() -> ProviderJson.parse(text))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).doesNotContain(SECRET).doesNotContain("Bad gateway");
				assertThat(ex.getCause()).isNull();
			});
	}

	@Test
	void stringWhenMemberIsStringOrMissingThenReturnsIt() throws ParseException {
		Map<String, Object> json = ProviderJson.parse("{\"error\":\"invalid_grant\",\"none\":null}");
		assertThat(ProviderJson.string(json, "error")).isEqualTo("invalid_grant");
		assertThat(ProviderJson.string(json, "none")).isNull();
		assertThat(ProviderJson.string(json, "missing")).isNull();
	}

	@Test
	void stringWhenMemberIsNotStringThenFails() throws ParseException {
		Map<String, Object> json = ProviderJson.parse("{\"error\":42}");
		assertThatExceptionOfType(ParseException.class).isThrownBy(() -> ProviderJson.string(json, "error"))
			.withMessage("'error' is not a string");
	}

	@Test
	void stringMemberWhenDocumentOrMemberIsNotUsableThenNull() {
		assertThat(ProviderJson.stringMember("{\"error\":\"slow_down\"}", "error")).isEqualTo("slow_down");
		assertThat(ProviderJson.stringMember("{\"error\":42}", "error")).isNull();
		assertThat(ProviderJson.stringMember("{}", "error")).isNull();
		assertThat(ProviderJson.stringMember("<html>Bad gateway</html>", "error")).isNull();
	}

	@Test
	void objectWhenMemberIsObjectOrMissingThenReturnsIt() throws ParseException {
		Map<String, Object> json = ProviderJson.parse("{\"RefreshToken\":{\"k\":{\"secret\":\"s\"}},\"list\":[]}");
		assertThat(ProviderJson.object(json, "RefreshToken")).containsOnlyKeys("k");
		assertThat(ProviderJson.object(json, "missing")).isNull();
		assertThatExceptionOfType(ParseException.class).isThrownBy(() -> ProviderJson.object(json, "list"));
	}

	@Test
	void writeThenParseGivesTheSameObject() throws ParseException {
		Map<String, Object> object = new LinkedHashMap<>();
		object.put("access_token", "a\"b\\c\u2028\u00e9");
		object.put("expires_in", 3599);
		object.put("ext", 9999999999L);
		object.put("ok", false);
		object.put("none", null);
		object.put("scopes", List.of("openid", "profile"));
		object.put("client_info", Map.of("uid", "u"));
		String json = ProviderJson.write(object);
		assertThat(json).startsWith("{\"access_token\":").doesNotContain("\n");
		assertThat(ProviderJson.parse(json)).isEqualTo(object);
	}

	@Test
	void claimsWhenSignedTokenThenReturnsPayload() throws ParseException {
		String jwt = part("{\"alg\":\"RS256\",\"kid\":\"k\"}") + "."
				+ part("{\"iss\":\"https://idp.test\",\"sub\":\"alice\",\"exp\":1800000000}") + ".c2lnbmF0dXJl";
		assertThat(ProviderJson.claims(jwt)).containsEntry("iss", "https://idp.test")
			.containsEntry("sub", "alice")
			.containsEntry("exp", 1800000000);
	}

	@Test
	void claimsWhenUnsecuredTokenThenReturnsPayload() throws ParseException {
		String jwt = part("{\"alg\":\"none\"}") + "." + part("{\"sub\":\"alice\"}") + ".";
		assertThat(ProviderJson.claims(jwt)).containsEntry("sub", "alice");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "opaque-token", "a.b", "a.b.c.d.e", "!!!.e30.", "e30.!!!.", "W10.e30.", "e30.W10." })
	void claimsWhenNotSignedOrUnsecuredTokenThenFails(String jwt) {
		assertThatExceptionOfType(ParseException.class).isThrownBy(() -> ProviderJson.claims(jwt));
	}

	private static String part(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
