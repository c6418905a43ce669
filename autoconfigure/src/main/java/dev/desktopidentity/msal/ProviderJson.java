package dev.desktopidentity.msal;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.json.JsonToken;
import com.azure.json.JsonWriter;
import org.jspecify.annotations.Nullable;

/**
 * The JSON that the identity provider answers (token responses, errors, discovery
 * documents, ID tokens) and that MSAL4J serializes its cache to, read and written with
 * azure-json, MSAL4J's own JSON library. A document that is not one JSON object fails
 * with a {@link ParseException} that names what was wrong but quotes nothing of the
 * document, which may hold tokens.
 */
final class ProviderJson {

	private ProviderJson() {
	}

	/**
	 * Read a JSON object: members keep their order, nested objects are maps, arrays are
	 * lists, integral numbers {@code Integer} or {@code Long}.
	 * @param json the document
	 * @return the object's members
	 * @throws ParseException if the document is not exactly one JSON object
	 */
	static Map<String, Object> parse(String json) throws ParseException {
		try (JsonReader reader = JsonProviders.createReader(json)) {
			if (reader.nextToken() != JsonToken.START_OBJECT) {
				throw new ParseException("not a JSON object", 0);
			}
			Object value = reader.readUntyped();
			if (reader.nextToken() != JsonToken.END_DOCUMENT) {
				throw new ParseException("text after the JSON object", 0);
			}
			@SuppressWarnings("unchecked")
			Map<String, Object> object = (Map<String, Object>) value;
			return object;
		}
		catch (IOException | RuntimeException ex) {
			// without the parser's message or cause: they quote the document
			throw new ParseException("not valid JSON", 0);
		}
	}

	/**
	 * Return a string member of a document, or {@code null} if the document is not a JSON
	 * object or the member is missing, {@code null} or of another type: for answers whose
	 * members are reported when they are there.
	 * @param json the document
	 * @param name the member's name
	 * @return the member, or {@code null}
	 */
	static @Nullable String stringMember(String json, String name) {
		try {
			return string(parse(json), name);
		}
		catch (ParseException ex) {
			return null;
		}
	}

	/**
	 * Return a member that is a string, or {@code null} if it is missing or {@code null}.
	 * @throws ParseException if the member is of another type
	 */
	static @Nullable String string(Map<String, Object> object, String name) throws ParseException {
		Object value = object.get(name);
		if (value == null || value instanceof String) {
			return (String) value;
		}
		throw new ParseException("'" + name + "' is not a string", 0);
	}

	/**
	 * Return a member that is an object, or {@code null} if it is missing or {@code null}.
	 * @throws ParseException if the member is of another type
	 */
	@SuppressWarnings("unchecked")
	static @Nullable Map<String, Object> object(Map<String, Object> object, String name) throws ParseException {
		Object value = object.get(name);
		if (value == null || value instanceof Map) {
			return (Map<String, Object>) value;
		}
		throw new ParseException("'" + name + "' is not an object", 0);
	}

	/**
	 * Write an object as compact JSON.
	 * @param object members whose values are strings, numbers, booleans, {@code null},
	 * lists or maps of them
	 * @return the JSON text
	 */
	static String write(Map<String, ?> object) {
		StringWriter text = new StringWriter();
		try (JsonWriter writer = JsonProviders.createWriter(text)) {
			writer.writeUntyped(object);
		}
		catch (IOException ex) {
			throw new IllegalStateException("A JSON object could not be written to a string", ex);
		}
		return text.toString();
	}

	/**
	 * Return the claims of a JSON Web Token that is signed or unsecured (as an ID token
	 * is), without checking its signature: its payload, after a header that must be a
	 * JSON object.
	 * @param jwt the token in its compact serialization
	 * @return the claims
	 * @throws ParseException if it is not such a token (an encrypted one included)
	 */
	static Map<String, Object> claims(String jwt) throws ParseException {
		String[] parts = jwt.split("\\.", -1);
		if (parts.length != 3) {
			throw new ParseException("not a signed or unsecured JWT (" + parts.length + " parts)", 0);
		}
		parse(decode(parts[0]));
		return parse(decode(parts[1]));
	}

	private static String decode(String part) throws ParseException {
		try {
			return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new ParseException("not base64url", 0);
		}
	}

}
