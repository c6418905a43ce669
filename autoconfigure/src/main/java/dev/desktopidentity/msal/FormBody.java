package dev.desktopidentity.msal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the parameters of an {@code application/x-www-form-urlencoded} body, as MSAL4J
 * sends them.
 */
final class FormBody {

	private FormBody() {
	}

	/**
	 * Return the parameters of a form body; of a repeated parameter, the first.
	 * @param body the body
	 * @return the parameters, decoded
	 */
	static Map<String, String> parse(String body) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals >= 0) ? pair.substring(0, equals) : pair);
			String value = (equals >= 0) ? decode(pair.substring(equals + 1)) : "";
			parameters.putIfAbsent(name, value);
		}
		return parameters;
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

}
