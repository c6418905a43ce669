package dev.desktopidentity.cache;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON parser (RFC 8259) for the token cache: objects become {@link Map}s,
 * arrays {@link List}s, strings {@link String}s, numbers {@link Number}s (as
 * {@link Double}), {@code true} and {@code false} {@link Boolean}s, and {@code null}
 * {@link #NULL}. Anything else, a key that appears twice in one object (which readers
 * resolve differently), nesting deeper than {@value #MAX_DEPTH} or text after the value
 * is refused, so that what MSAL4J reads is exactly what was checked. Messages say where
 * and what, never a value.
 */
final class CacheJson {

	/** The JSON {@code null}. */
	static final Object NULL = new Object() {

		@Override
		public String toString() {
			return "null";
		}

	};

	private static final int MAX_DEPTH = 64;

	private final String text;

	private int position;

	private CacheJson(String text) {
		this.text = text;
	}

	/**
	 * Parse JSON text.
	 * @param text the text
	 * @return the value
	 * @throws UnreadableCacheException if the text is not one JSON value
	 */
	static Object parse(String text) throws UnreadableCacheException {
		CacheJson parser = new CacheJson(text);
		parser.skipWhitespace();
		Object value = parser.value(0);
		parser.skipWhitespace();
		if (parser.position != text.length()) {
			throw parser.invalid("text after the end");
		}
		return value;
	}

	private Object value(int depth) throws UnreadableCacheException {
		if (depth > MAX_DEPTH) {
			throw invalid("nested too deeply");
		}
		if (this.position == this.text.length()) {
			throw invalid("it ends early");
		}
		char c = this.text.charAt(this.position);
		return switch (c) {
			case '{' -> object(depth);
			case '[' -> array(depth);
			case '"' -> string();
			case 't' -> literal("true", Boolean.TRUE);
			case 'f' -> literal("false", Boolean.FALSE);
			case 'n' -> literal("null", NULL);
			default -> {
				if (c == '-' || (c >= '0' && c <= '9')) {
					yield number();
				}
				throw invalid("unexpected character");
			}
		};
	}

	private Map<String, Object> object(int depth) throws UnreadableCacheException {
		Map<String, Object> object = new LinkedHashMap<>();
		this.position++;
		skipWhitespace();
		if (take('}')) {
			return object;
		}
		do {
			skipWhitespace();
			if (this.position == this.text.length() || this.text.charAt(this.position) != '"') {
				throw invalid("expected a key");
			}
			String key = string();
			skipWhitespace();
			expect(':');
			skipWhitespace();
			Object value = value(depth + 1);
			if (object.putIfAbsent(key, value) != null) {
				throw invalid("a key appears twice in one object");
			}
			skipWhitespace();
		}
		while (take(','));
		expect('}');
		return object;
	}

	private List<Object> array(int depth) throws UnreadableCacheException {
		List<Object> array = new ArrayList<>();
		this.position++;
		skipWhitespace();
		if (take(']')) {
			return array;
		}
		do {
			skipWhitespace();
			array.add(value(depth + 1));
			skipWhitespace();
		}
		while (take(','));
		expect(']');
		return array;
	}

	private String string() throws UnreadableCacheException {
		this.position++;
		// most strings have no escape: take them as they are
		for (int i = this.position; i < this.text.length(); i++) {
			char c = this.text.charAt(i);
			if (c == '"') {
				String string = this.text.substring(this.position, i);
				this.position = i + 1;
				return string;
			}
			if (c == '\\' || c < 0x20) {
				break;
			}
		}
		StringBuilder string = new StringBuilder();
		while (true) {
			if (this.position == this.text.length()) {
				throw invalid("a string does not end");
			}
			char c = this.text.charAt(this.position++);
			if (c == '"') {
				return string.toString();
			}
			if (c < 0x20) {
				throw invalid("a control character in a string");
			}
			if (c != '\\') {
				string.append(c);
				continue;
			}
			if (this.position == this.text.length()) {
				throw invalid("a string does not end");
			}
			char escaped = this.text.charAt(this.position++);
			switch (escaped) {
				case '"', '\\', '/' -> string.append(escaped);
				case 'b' -> string.append('\b');
				case 'f' -> string.append('\f');
				case 'n' -> string.append('\n');
				case 'r' -> string.append('\r');
				case 't' -> string.append('\t');
				case 'u' -> string.append(unicodeEscape());
				default -> throw invalid("an invalid escape in a string");
			}
		}
	}

	private char unicodeEscape() throws UnreadableCacheException {
		if (this.position + 4 > this.text.length()) {
			throw invalid("an invalid escape in a string");
		}
		int value = 0;
		for (int i = 0; i < 4; i++) {
			int digit = Character.digit(this.text.charAt(this.position++), 16);
			if (digit == -1) {
				throw invalid("an invalid escape in a string");
			}
			value = value * 16 + digit;
		}
		return (char) value;
	}

	private Number number() throws UnreadableCacheException {
		int start = this.position;
		take('-');
		if (take('0')) {
			if (isDigit()) {
				throw invalid("a number with a leading zero");
			}
		}
		else if (!digits()) {
			throw invalid("an invalid number");
		}
		if (take('.') && !digits()) {
			throw invalid("an invalid number");
		}
		if (take('e') || take('E')) {
			if (!take('+')) {
				take('-');
			}
			if (!digits()) {
				throw invalid("an invalid number");
			}
		}
		return Double.valueOf(this.text.substring(start, this.position));
	}

	private boolean digits() {
		int start = this.position;
		while (isDigit()) {
			this.position++;
		}
		return this.position > start;
	}

	private boolean isDigit() {
		return this.position < this.text.length() && this.text.charAt(this.position) >= '0'
				&& this.text.charAt(this.position) <= '9';
	}

	private Object literal(String literal, Object value) throws UnreadableCacheException {
		if (!this.text.startsWith(literal, this.position)) {
			throw invalid("unexpected character");
		}
		this.position += literal.length();
		return value;
	}

	private void skipWhitespace() {
		while (this.position < this.text.length()) {
			char c = this.text.charAt(this.position);
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
				return;
			}
			this.position++;
		}
	}

	private boolean take(char c) {
		if (this.position < this.text.length() && this.text.charAt(this.position) == c) {
			this.position++;
			return true;
		}
		return false;
	}

	private void expect(char c) throws UnreadableCacheException {
		if (!take(c)) {
			throw invalid((this.position == this.text.length()) ? "it ends early" : "unexpected character");
		}
	}

	private UnreadableCacheException invalid(String problem) {
		return new UnreadableCacheException("it is not valid JSON (" + problem + " at character " + this.position + ")");
	}

}
