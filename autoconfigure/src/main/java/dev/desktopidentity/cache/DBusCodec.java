package dev.desktopidentity.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Type signatures of the D-Bus wire format, by which {@link DBusEncoder} writes values
 * and {@link DBusDecoder} reads them. Java types: {@code y} a {@link Byte}, {@code b} a
 * {@link Boolean}, {@code n q i u h} an {@link Integer} (the unsigned 32-bit {@code u}
 * as read, bit for bit), {@code x t} a {@link Long}, {@code d} a {@link Double},
 * {@code s o g} a {@link String}, {@code ay} a {@code byte[]}, other arrays a
 * {@link List}, dictionaries a {@link Map}, structures a {@link List} of their members,
 * and {@code v} a {@link Variant}.
 * <p>
 * Written little-endian; read in the order the message says. Offsets, and so alignment,
 * count from the start of the buffer, which is the start of the message or of its body
 * (the header is padded to 8 bytes).
 */
final class DBusCodec {

	/**
	 * A message header: byte order, type, flags, version, body length, serial, header
	 * fields.
	 */
	static final String HEADER = "yyyyuua(yv)";

	private DBusCodec() {
	}

	/**
	 * A value with its own type signature.
	 *
	 * @param signature the value's single complete type
	 * @param value the value
	 */
	record Variant(String signature, Object value) {

	}

	/**
	 * Return the complete types that a signature lists, such as {@code s}, {@code a{ss}}
	 * and {@code (oayays)} for {@code sa{ss}(oayays)}.
	 * @param signature the signature
	 * @return its complete types
	 * @throws DBusException if the signature is not valid
	 */
	static List<String> types(String signature) throws DBusException {
		List<String> types = new ArrayList<>();
		int start = 0;
		while (start < signature.length()) {
			int end = endOfType(signature, start, 0);
			types.add(signature.substring(start, end));
			start = end;
		}
		return types;
	}

	private static int endOfType(String signature, int start, int depth) throws DBusException {
		if (start >= signature.length() || depth > 64) {
			throw new DBusException("invalid type signature '" + signature + "'");
		}
		char code = signature.charAt(start);
		switch (code) {
			case 'y', 'b', 'n', 'q', 'i', 'u', 'x', 't', 'd', 'h', 's', 'o', 'g', 'v' -> {
				return start + 1;
			}
			case 'a' -> {
				if (start + 1 < signature.length() && signature.charAt(start + 1) == '{') {
					int key = endOfType(signature, start + 2, depth + 1);
					int value = endOfType(signature, key, depth + 1);
					if (value >= signature.length() || signature.charAt(value) != '}' || key != start + 3) {
						throw new DBusException("invalid type signature '" + signature + "'");
					}
					return value + 1;
				}
				return endOfType(signature, start + 1, depth + 1);
			}
			case '(' -> {
				int member = start + 1;
				do {
					member = endOfType(signature, member, depth + 1);
				}
				while (member < signature.length() && signature.charAt(member) != ')');
				if (member >= signature.length()) {
					throw new DBusException("invalid type signature '" + signature + "'");
				}
				return member + 1;
			}
			default -> throw new DBusException("invalid type signature '" + signature + "'");
		}
	}

	static int alignment(char code) {
		return switch (code) {
			case 'y', 'g', 'v' -> 1;
			case 'n', 'q' -> 2;
			case 'x', 't', 'd', '(', '{' -> 8;
			default -> 4;
		};
	}

}
