package dev.desktopidentity.signin;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.desktopidentity.signin.RedirectRequestReader.Rejected;
import org.jspecify.annotations.Nullable;

/**
 * A chunked body (RFC 9112 section 7.1), decoded as its bytes arrive: every call goes
 * on from the last complete chunk, so a body sent a byte at a time is not decoded
 * again and again.
 */
final class RedirectChunkedBody {

	/** Largest chunked body as sent, with its chunk sizes and extensions. */
	static final int MAX_CHUNKED_SIZE = 2 * RedirectRequestReader.MAX_BODY_SIZE;

	/** Longest chunk size or trailer line. */
	private static final int MAX_CHUNK_LINE = 4096;

	private final int start;

	private int position;

	private byte[] body = new byte[0];

	private boolean inTrailers;

	RedirectChunkedBody(int start) {
		this.start = start;
		this.position = start;
	}

	/**
	 * Decode what has arrived.
	 * @param buffer the bytes of the request
	 * @param end how many bytes of {@code buffer} have arrived
	 * @return the body, or {@code null} if more bytes are needed
	 * @throws Rejected if the body is malformed or too large
	 */
	byte @Nullable [] decode(byte[] buffer, int end) throws Rejected {
		while (!this.inTrailers) {
			int lineEnd = lineEnd(buffer, end);
			if (lineEnd == -1) {
				return incomplete(end);
			}
			String sizeLine = new String(buffer, this.position, lineEnd - 1 - this.position,
					StandardCharsets.ISO_8859_1);
			int semicolon = sizeLine.indexOf(';');
			long size = parseSize((semicolon != -1) ? sizeLine.substring(0, semicolon).strip() : sizeLine.strip());
			if (size == 0) {
				this.position = lineEnd + 1;
				this.inTrailers = true;
				break;
			}
			if (this.body.length + size > RedirectRequestReader.MAX_BODY_SIZE) {
				throw RedirectRequestReader.tooLarge();
			}
			int dataStart = lineEnd + 1;
			if (end - dataStart < size + 2) {
				return incomplete(end);
			}
			int offset = this.body.length;
			this.body = Arrays.copyOf(this.body, offset + (int) size);
			System.arraycopy(buffer, dataStart, this.body, offset, (int) size);
			int dataEnd = dataStart + (int) size;
			if (buffer[dataEnd] != '\r' || buffer[dataEnd + 1] != '\n') {
				throw RedirectRequestReader.malformed();
			}
			this.position = dataEnd + 2;
		}
		while (true) {
			int lineEnd = lineEnd(buffer, end);
			if (lineEnd == -1) {
				return incomplete(end);
			}
			boolean empty = lineEnd - 1 == this.position;
			this.position = lineEnd + 1;
			if (empty) {
				return this.body;
			}
		}
	}

	/**
	 * Return the index of the LF that ends the line at the current position.
	 */
	private int lineEnd(byte[] buffer, int end) throws Rejected {
		int last = Math.min(end, this.position + MAX_CHUNK_LINE);
		for (int i = this.position; i < last; i++) {
			if (buffer[i] == '\n') {
				if (i == this.position || buffer[i - 1] != '\r') {
					throw RedirectRequestReader.malformed();
				}
				return i;
			}
		}
		if (last - this.position >= MAX_CHUNK_LINE) {
			throw RedirectRequestReader.malformed();
		}
		return -1;
	}

	private byte @Nullable [] incomplete(int end) throws Rejected {
		if (end - this.start > MAX_CHUNKED_SIZE) {
			throw RedirectRequestReader.tooLarge();
		}
		return null;
	}

	private static long parseSize(String hex) throws Rejected {
		if (hex.length() > 8) {
			throw RedirectRequestReader.tooLarge();
		}
		if (hex.isEmpty() || !hex.chars().allMatch((c) -> Character.digit(c, 16) != -1)) {
			throw RedirectRequestReader.malformed();
		}
		return Long.parseLong(hex, 16);
	}

}
