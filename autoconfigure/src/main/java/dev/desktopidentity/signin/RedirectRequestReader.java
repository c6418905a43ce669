package dev.desktopidentity.signin;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads one HTTP/1.x request from the bytes of a connection as they arrive (RFC 9112):
 * the request line, the headers and a body framed by {@code Content-Length} or
 * {@code Transfer-Encoding: chunked}. Strict about what could be read two ways (obsolete
 * line folding, both framings at once, differing lengths) and bounded in size: a head over
 * {@link #MAX_HEAD_SIZE} or a body over {@link #MAX_BODY_SIZE} is rejected before it is
 * buffered. Not thread-safe: one reader per connection, used by one thread.
 */
final class RedirectRequestReader {

	/** Largest request line and headers; browsers send a few kilobytes with cookies. */
	static final int MAX_HEAD_SIZE = 32 * 1024;

	/** Largest body, decoded; a form post of an authorization response is a few kilobytes. */
	static final int MAX_BODY_SIZE = 64 * 1024;

	/** Bytes kept at most: anything beyond would be rejected anyway. */
	private static final int MAX_BUFFERED = MAX_HEAD_SIZE + RedirectChunkedBody.MAX_CHUNKED_SIZE + 1;

	private byte[] buffer = new byte[2048];

	private int length;

	private int lineStart;

	private int scanned;

	private final List<String> lines = new ArrayList<>();

	private @Nullable Head head;

	private @Nullable RedirectChunkedBody chunked;

	private boolean continueSent;

	/**
	 * Take the bytes that arrived and return the request once it is complete.
	 * @param bytes the bytes read from the connection
	 * @return the request, or {@code null} while more bytes are needed
	 * @throws Rejected if the bytes are not an acceptable request
	 */
	@Nullable RedirectRequest append(ByteBuffer bytes) throws Rejected {
		int count = Math.min(bytes.remaining(), MAX_BUFFERED - this.length);
		if (count > 0) {
			ensureCapacity(this.length + count);
			bytes.get(this.buffer, this.length, count);
			this.length += count;
		}
		bytes.position(bytes.limit());
		if (this.head == null) {
			this.head = readHead();
			if (this.head == null) {
				return null;
			}
		}
		return readBody(this.head);
	}

	/**
	 * Return whether the client waits for {@code 100 Continue} before sending the body,
	 * once: the caller sends it when this returns {@code true}.
	 * @return whether to send {@code 100 Continue} now
	 */
	boolean takeContinue() {
		Head head = this.head;
		if (head == null || this.continueSent || !head.expectsContinue() || this.length > head.end()) {
			return false;
		}
		this.continueSent = true;
		return true;
	}

	private void ensureCapacity(int capacity) {
		if (capacity > this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, Math.max(capacity, this.buffer.length * 2));
		}
	}

	private @Nullable Head readHead() throws Rejected {
		for (int i = this.scanned; i < this.length; i++) {
			this.scanned = i + 1;
			if (this.buffer[i] != '\n') {
				continue;
			}
			int end = (i > this.lineStart && this.buffer[i - 1] == '\r') ? i - 1 : i;
			String line = new String(this.buffer, this.lineStart, end - this.lineStart, StandardCharsets.ISO_8859_1);
			this.lineStart = i + 1;
			if (!line.isEmpty()) {
				this.lines.add(line);
			}
			else if (!this.lines.isEmpty()) {
				return parseHead(i + 1);
			}
		}
		if (this.length > MAX_HEAD_SIZE) {
			throw new Rejected(431, "Request too large", "The request's headers are too large.");
		}
		return null;
	}

	private Head parseHead(int end) throws Rejected {
		if (end > MAX_HEAD_SIZE) {
			throw new Rejected(431, "Request too large", "The request's headers are too large.");
		}
		String[] requestLine = this.lines.get(0).split(" ", -1);
		if (requestLine.length != 3 || !isToken(requestLine[0])) {
			throw malformed();
		}
		String version = requestLine[2];
		if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
			throw version.startsWith("HTTP/")
					? new Rejected(505, "Version not supported", "Only HTTP/1.1 is supported here.") : malformed();
		}
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String line : this.lines.subList(1, this.lines.size())) {
			int colon = line.indexOf(':');
			if (colon <= 0 || !isToken(line.substring(0, colon))) {
				throw malformed();
			}
			String value = line.substring(colon + 1).strip();
			if (!isFieldValue(value)) {
				throw malformed();
			}
			headers.computeIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT), (name) -> new ArrayList<>())
				.add(value);
		}
		Target target = Target.parse(requestLine[1]);
		Framing framing = Framing.of(headers);
		boolean expectsContinue = version.equals("HTTP/1.1") && framing != Framing.NONE
				&& headers.getOrDefault("expect", List.of()).stream().anyMatch("100-continue"::equalsIgnoreCase);
		return new Head(requestLine[0], target, headers, end, framing, expectsContinue);
	}

	private @Nullable RedirectRequest readBody(Head head) throws Rejected {
		byte[] body;
		if (head.framing() == Framing.CHUNKED) {
			if (this.chunked == null) {
				this.chunked = new RedirectChunkedBody(head.end());
			}
			body = this.chunked.decode(this.buffer, this.length);
		}
		else {
			int contentLength = head.framing().contentLength();
			if (this.length - head.end() < contentLength) {
				return null;
			}
			body = Arrays.copyOfRange(this.buffer, head.end(), head.end() + contentLength);
		}
		return (body != null) ? head.toRequest(body) : null;
	}

	private static boolean isToken(String text) {
		if (text.isEmpty()) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean tchar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
			if (!tchar) {
				return false;
			}
		}
		return true;
	}

	private static boolean isFieldValue(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if ((c < 0x20 && c != '\t') || c == 0x7f) {
				return false;
			}
		}
		return true;
	}

	static Rejected malformed() {
		return new Rejected(400, "Bad request", "The request could not be understood.");
	}

	/**
	 * A request that is answered with an error status and then closed, never read on.
	 */
	static final class Rejected extends Exception {

		private final int status;

		private final String title;

		Rejected(int status, String title, String message) {
			super(message, null, false, false);
			this.status = status;
			this.title = title;
		}

		int status() {
			return this.status;
		}

		String title() {
			return this.title;
		}

	}

	/**
	 * The request target, in origin form ({@code /path?query}) or absolute form
	 * ({@code http://host:port/path?query}).
	 */
	private record Target(@Nullable String authority, String path, @Nullable String query) {

		static Target parse(String target) throws Rejected {
			for (int i = 0; i < target.length(); i++) {
				char c = target.charAt(i);
				if (c <= 0x20 || c >= 0x7f || c == '#') {
					throw malformed();
				}
			}
			String authority = null;
			String rest = target;
			if (target.regionMatches(true, 0, "http://", 0, 7)) {
				int slash = indexOfAny(target, 7);
				authority = target.substring(7, slash);
				rest = (slash < target.length()) ? target.substring(slash) : "/";
				if (rest.startsWith("?")) {
					rest = "/" + rest;
				}
			}
			if (!rest.startsWith("/")) {
				throw malformed();
			}
			int question = rest.indexOf('?');
			return (question != -1) ? new Target(authority, rest.substring(0, question), rest.substring(question + 1))
					: new Target(authority, rest, null);
		}

		private static int indexOfAny(String text, int from) {
			for (int i = from; i < text.length(); i++) {
				if (text.charAt(i) == '/' || text.charAt(i) == '?') {
					return i;
				}
			}
			return text.length();
		}

	}

	/**
	 * How the body is delimited.
	 */
	private record Framing(int contentLength, boolean chunked) {

		static final Framing NONE = new Framing(0, false);

		static final Framing CHUNKED = new Framing(-1, true);

		static Framing of(Map<String, List<String>> headers) throws Rejected {
			List<String> transferEncoding = headers.get("transfer-encoding");
			List<String> contentLength = headers.get("content-length");
			if (transferEncoding != null) {
				if (contentLength != null) {
					throw malformed();
				}
				if (transferEncoding.size() != 1 || !transferEncoding.get(0).equalsIgnoreCase("chunked")) {
					throw new Rejected(501, "Not implemented", "Only chunked transfer coding is supported here.");
				}
				return CHUNKED;
			}
			if (contentLength == null) {
				return NONE;
			}
			String value = null;
			for (String field : contentLength) {
				for (String part : field.split(",", -1)) {
					String length = part.strip();
					if (length.isEmpty() || length.length() > 10 || !length.chars().allMatch(Character::isDigit)
							|| (value != null && !value.equals(length))) {
						throw malformed();
					}
					value = length;
				}
			}
			long length = Long.parseLong(value);
			if (length > MAX_BODY_SIZE) {
				throw tooLarge();
			}
			return (length > 0) ? new Framing((int) length, false) : NONE;
		}

	}

	/**
	 * The request line and headers, once read.
	 */
	private record Head(String method, Target target, Map<String, List<String>> headers, int end, Framing framing,
			boolean expectsContinue) {

		RedirectRequest toRequest(byte[] body) {
			return new RedirectRequest(this.method, this.target.authority(), this.target.path(), this.target.query(),
					this.headers, body);
		}

	}

	static Rejected tooLarge() {
		return new Rejected(413, "Response too large", "The sign-in response is too large.");
	}

}
