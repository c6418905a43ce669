package dev.desktopidentity.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether the path of a request stays below a resource's base path for every
 * server that may receive it, whatever that server decodes or normalizes: none decodes a
 * path to one outside the base, or the request gets no token.
 * <p>
 * Servers differ in what they do to a path before they route it: some decode percent
 * escapes once, some twice; some treat an encoded slash or a backslash as a separator;
 * some drop {@code ;} parameters from each segment (so {@code ..;} is {@code ..}); some
 * strip trailing dots and spaces or fold Unicode compatibility characters (so
 * {@code ．．} is {@code ..}). A segment is refused if any of these readings could make it
 * a dot segment, a separator or a control character, at any depth of decoding. The common
 * path, with none of {@code % ; \ .} at the start of a segment or non-ASCII characters,
 * is decided in one pass without allocating.
 */
final class RequestPaths {

	/** Decodings tried; a segment still encoded after this many is refused. */
	private static final int MAX_DECODINGS = 3;

	/** ASCII characters that need a closer look: escapes, parameters, backslashes, controls and dots. */
	private static final boolean[] SUSPICIOUS = new boolean[0x80];

	static {
		for (int c = 0; c < 0x20; c++) {
			SUSPICIOUS[c] = true;
		}
		SUSPICIOUS[0x7f] = true;
		SUSPICIOUS['%'] = true;
		SUSPICIOUS[';'] = true;
		SUSPICIOUS['\\'] = true;
		SUSPICIOUS['.'] = true;
	}

	private RequestPaths() {
	}

	/**
	 * Return whether the raw path, from the given index, has no segment that any server
	 * could read as {@code .} or {@code ..}, as a separator, or with a control character.
	 * @param rawPath the raw (still encoded) path of a URL
	 * @param from where the part below the base path starts, at a {@code /} or the end
	 * @return whether the path stays below the base however it is read
	 */
	static boolean staysBelow(String rawPath, int from) {
		for (int i = from; i < rawPath.length(); i++) {
			char c = rawPath.charAt(i);
			if (c >= 0x80 || (SUSPICIOUS[c] && (c != '.' || (i > 0 && rawPath.charAt(i - 1) == '/')))) {
				return segmentsStayBelow(rawPath, from);
			}
		}
		return true;
	}

	private static boolean segmentsStayBelow(String rawPath, int from) {
		int start = from;
		while (start < rawPath.length()) {
			int slash = rawPath.indexOf('/', start + 1);
			int end = (slash != -1) ? slash : rawPath.length();
			int segmentStart = (rawPath.charAt(start) == '/') ? start + 1 : start;
			if (!isSafeSegment(rawPath.substring(segmentStart, end))) {
				return false;
			}
			start = end;
		}
		return true;
	}

	private static boolean isSafeSegment(String raw) {
		String text = raw;
		for (int decodings = 0;; decodings++) {
			if (!isSafeText(text, decodings)) {
				return false;
			}
			if (text.indexOf('%') == -1) {
				return true;
			}
			if (decodings == MAX_DECODINGS) {
				return !hasEscape(text);
			}
			// The first decoding must be unambiguous; a server that decodes again gets
			// what it can, escapes it cannot read left as they are
			String decoded = decode(text, decodings > 0);
			if (decoded == null) {
				return false;
			}
			if (decoded.equals(text)) {
				return true;
			}
			text = decoded;
		}
	}

	/**
	 * Return whether a reading of a segment is harmless.
	 * @param text the segment, decoded the given number of times
	 * @param decodings how many times it was decoded
	 * @return whether no server could read it as a dot segment, a separator or a control
	 * character
	 */
	private static boolean isSafeText(String text, int decodings) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 || c == 0x7f || c == '\\' || (c == '/' && decodings > 0)) {
				return false;
			}
		}
		for (String part : text.split(";", -1)) {
			if (isDots(part) || isDots(Normalizer.normalize(part, Normalizer.Form.NFKC))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Return whether a text is only dots and white space, with a dot: what a server that
	 * strips trailing dots and spaces, as Windows does, may take for {@code .} or
	 * {@code ..}.
	 */
	private static boolean isDots(String text) {
		boolean dot = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '.') {
				dot = true;
			}
			else if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
				return false;
			}
		}
		return dot;
	}

	private static boolean hasEscape(String text) {
		for (int i = text.indexOf('%'); i != -1; i = text.indexOf('%', i + 1)) {
			if (i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Decode the percent escapes of a segment as UTF-8.
	 * @param text the segment
	 * @param lenient whether an escape that is not {@code %} and two hex digits is kept
	 * as it is rather than refused
	 * @return the decoded segment, or {@code null} if it has a malformed escape (unless
	 * lenient) or the escapes are not UTF-8 (overlong forms included)
	 */
	private static @Nullable String decode(String text, boolean lenient) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
		int i = 0;
		while (i < text.length()) {
			int percent = text.indexOf('%', i);
			int end = (percent != -1) ? percent : text.length();
			bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
			if (percent == -1) {
				break;
			}
			if (percent + 2 < text.length() && isHex(text.charAt(percent + 1)) && isHex(text.charAt(percent + 2))) {
				bytes.write(Integer.parseInt(text, percent + 1, percent + 3, 16));
				i = percent + 3;
			}
			else if (lenient) {
				bytes.write('%');
				i = percent + 1;
			}
			else {
				return null;
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	private static boolean isHex(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

}
