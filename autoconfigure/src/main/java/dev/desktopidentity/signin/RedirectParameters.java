package dev.desktopidentity.signin;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

/**
 * The parameters of an authorization response, from a query string or an
 * {@code application/x-www-form-urlencoded} body. A parameter given twice or badly
 * encoded makes the whole response malformed.
 */
final class RedirectParameters {

	private final Map<String, String> values;

	private RedirectParameters(Map<String, String> values) {
		this.values = values;
	}

	/**
	 * Parse the given query string or form body.
	 * @param encoded the encoded parameters, {@code null} for none
	 * @return the parameters
	 * @throws RedirectResponseException if a parameter is repeated or badly encoded
	 */
	public static RedirectParameters parse(@Nullable String encoded) {
		Map<String, String> values = new LinkedHashMap<>();
		if (encoded != null) {
			for (String pair : encoded.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int equals = pair.indexOf('=');
				String name = decode((equals != -1) ? pair.substring(0, equals) : pair);
				String value = decode((equals != -1) ? pair.substring(equals + 1) : "");
				if (values.putIfAbsent(name, value) != null) {
					throw new RedirectResponseException("The sign-in response is malformed: a parameter is repeated");
				}
			}
		}
		return new RedirectParameters(values);
	}

	private static String decode(String encoded) {
		try {
			return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new RedirectResponseException("The sign-in response is malformed: a parameter is badly encoded");
		}
	}

	boolean isEmpty() {
		return this.values.isEmpty();
	}

	/**
	 * Return the value of the given parameter.
	 * @param name the parameter name
	 * @return the value, or {@code null} if the parameter is absent or empty
	 */
	public @Nullable String get(String name) {
		String value = this.values.get(name);
		return (value != null && !value.isEmpty()) ? value : null;
	}

	/**
	 * Return the parameters encoded as a query string.
	 * @return the query string
	 */
	String toQuery() {
		StringJoiner query = new StringJoiner("&");
		this.values.forEach((name, value) -> query
			.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
		return query.toString();
	}

}
