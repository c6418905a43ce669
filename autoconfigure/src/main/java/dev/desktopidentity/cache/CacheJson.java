package dev.desktopidentity.cache;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A strict JSON reader (RFC 8259) for checking the token cache, read as a stream: the
 * caller walks the objects it cares about member by member and skips the rest. Values
 * are checked but not copied unless asked for, so checking a cache costs a fraction of
 * MSAL4J deserializing it. Anything that is not JSON, nesting deeper than
 * {@value #MAX_DEPTH} or text after the value is refused with a message that says what
 * and where, never a value.
 */
final class CacheJson {

	private static final int MAX_DEPTH = 64;

	private final String text;

	private int position;

	private int depth;

	/** Whether each open container, by depth, is an object rather than an array. */
	private final boolean[] objects = new boolean[MAX_DEPTH + 1];

	private boolean first;

	CacheJson(String text) {
		this.text = text;
	}

	/**
	 * Return whether the next value is an object, and enter it if it is.
	 * @return whether an object was entered
	 * @throws UnreadableCacheException if the text ends or nests too deeply
	 */
	boolean enterObject() throws UnreadableCacheException {
		skipWhitespace();
		if (!take('{')) {
			return false;
		}
		enter(true);
		this.first = true;
		return true;
	}

	/**
	 * Move to the next member of the object entered last: its key is returned, and the
	 * reader is at its value, which the caller reads or skips. Leaves the object when it
	 * has no more members.
	 * @return the key, or {@code null} when the object has no more members
	 * @throws UnreadableCacheException if the text is not JSON
	 */
	@Nullable String nextKey() throws UnreadableCacheException {
		skipWhitespace();
		if (take('}')) {
			this.depth--;
			// the object left is a member of one whose first member has been read
			this.first = false;
			return null;
		}
		if (!this.first) {
			expect(',');
			skipWhitespace();
		}
		this.first = false;
		if (peek() != '"') {
			throw invalid("expected a key");
		}
		String key = Objects.requireNonNull(string(true));
		skipWhitespace();
		expect(':');
		skipWhitespace();
		return key;
	}

	/**
	 * Return the next value if it is a string.
	 * @return the string, or {@code null} if the next value is not a string (it is
	 * not consumed then)
	 * @throws UnreadableCacheException if the text is not JSON
	 */
	@Nullable String stringValue() throws UnreadableCacheException {
		skipWhitespace();
		return (peek() == '"') ? string(true) : null;
	}

	/**
	 * Return whether the next value is {@code null}, and consume it if it is.
	 * @return whether it was {@code null}
	 */
	boolean nullValue() {
		skipWhitespace();
		if (this.text.startsWith("null", this.position)) {
			this.position += 4;
			return true;
		}
		return false;
	}

	/**
	 * Return whether the next value is a string, without consuming it.
	 * @return whether it is a string
	 */
	boolean isString() {
		skipWhitespace();
		return peek() == '"';
	}

	/**
	 * Check and skip the next value, however deep.
	 * @throws UnreadableCacheException if it is not JSON
	 */
	void skipValue() throws UnreadableCacheException {
		int base = this.depth;
		while (true) {
			skipWhitespace();
			char c = peek();
			if (c == '{' || c == '[') {
				this.position++;
				enter(c == '{');
				skipWhitespace();
				if (!take(closer())) {
					if (c == '{') {
						memberKey();
					}
					continue;
				}
				this.depth--;
			}
			else {
				scalar();
			}
			// after a value: close the containers that end here, or go on to the next value
			while (true) {
				if (this.depth == base) {
					return;
				}
				skipWhitespace();
				if (take(closer())) {
					this.depth--;
					continue;
				}
				expect(',');
				if (this.objects[this.depth]) {
					skipWhitespace();
					memberKey();
				}
				break;
			}
		}
	}

	private char closer() {
		return this.objects[this.depth] ? '}' : ']';
	}

	/**
	 * Check that nothing but white space follows.
	 * @throws UnreadableCacheException if something does
	 */
	void end() throws UnreadableCacheException {
		skipWhitespace();
		if (this.position != this.text.length()) {
			throw invalid("text after the end");
		}
	}

	private void memberKey() throws UnreadableCacheException {
		if (peek() != '"') {
			throw invalid("expected a key");
		}
		string(false);
		skipWhitespace();
		expect(':');
	}

	private void enter(boolean object) throws UnreadableCacheException {
		if (++this.depth > MAX_DEPTH) {
			throw invalid("nested too deeply");
		}
		this.objects[this.depth] = object;
	}

	private void scalar() throws UnreadableCacheException {
		char c = peek();
		if (c == '"') {
			string(false);
		}
		else if (c == '-' || (c >= '0' && c <= '9')) {
			number();
		}
		else if (!literal("true") && !literal("false") && !literal("null")) {
			throw invalid("unexpected character");
		}
	}

	private @Nullable String string(boolean keep) throws UnreadableCacheException {
		int start = ++this.position;
		for (int i = start; i < this.text.length(); i++) {
			char c = this.text.charAt(i);
			if (c == '"') {
				this.position = i + 1;
				return keep ? this.text.substring(start, i) : null;
			}
			if (c == '\\' || c < 0x20) {
				break;
			}
		}
		StringBuilder string = new StringBuilder(keep ? 64 : 0);
		while (true) {
			if (this.position == this.text.length()) {
				throw invalid("a string does not end");
			}
			char c = this.text.charAt(this.position++);
			if (c == '"') {
				return keep ? string.toString() : null;
			}
			if (c < 0x20) {
				throw invalid("a control character in a string");
			}
			if (c == '\\') {
				c = escape();
			}
			if (keep) {
				string.append(c);
			}
		}
	}

	private char escape() throws UnreadableCacheException {
		if (this.position == this.text.length()) {
			throw invalid("a string does not end");
		}
		char escaped = this.text.charAt(this.position++);
		return switch (escaped) {
			case '"', '\\', '/' -> escaped;
			case 'b' -> '\b';
			case 'f' -> '\f';
			case 'n' -> '\n';
			case 'r' -> '\r';
			case 't' -> '\t';
			case 'u' -> unicodeEscape();
			default -> throw invalid("an invalid escape in a string");
		};
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

	private void number() throws UnreadableCacheException {
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
	}

	private boolean digits() {
		int start = this.position;
		while (isDigit()) {
			this.position++;
		}
		return this.position > start;
	}

	private boolean isDigit() {
		char c = peek();
		return c >= '0' && c <= '9';
	}

	private boolean literal(String literal) {
		if (this.text.startsWith(literal, this.position)) {
			this.position += literal.length();
			return true;
		}
		return false;
	}

	private char peek() {
		return (this.position < this.text.length()) ? this.text.charAt(this.position) : 0;
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
		if (peek() == c && this.position < this.text.length()) {
			this.position++;
			return true;
		}
		return false;
	}

	private void expect(char c) throws UnreadableCacheException {
		if (!take(c)) {
			throw invalid((this.position >= this.text.length()) ? "it ends early" : "unexpected character");
		}
	}

	private UnreadableCacheException invalid(String problem) {
		return new UnreadableCacheException("it is not valid JSON (" + problem + " at character " + this.position + ")");
	}

}
