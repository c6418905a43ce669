package dev.desktopidentity.cache;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values in the D-Bus wire format, by their type signature. Java types: {@code y} a
 * {@link Byte}, {@code b} a {@link Boolean}, {@code n q i u h} an {@link Integer} (the
 * unsigned 32-bit {@code u} as read, bit for bit), {@code x t} a {@link Long},
 * {@code d} a {@link Double}, {@code s o g} a {@link String}, {@code ay} a
 * {@code byte[]}, other arrays a {@link List}, dictionaries a {@link Map}, structures a
 * {@link List} of their members, and {@code v} a {@link Variant}.
 * <p>
 * Written little-endian; read in the order the message says. Offsets, and so alignment,
 * count from the start of the buffer, which is the start of the message or of its body
 * (the header is padded to 8 bytes).
 */
final class DBusCodec {

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

	private static int alignment(char code) {
		return switch (code) {
			case 'y', 'g', 'v' -> 1;
			case 'n', 'q' -> 2;
			case 'x', 't', 'd', '(', '{' -> 8;
			default -> 4;
		};
	}

	/**
	 * Writes values, little-endian.
	 */
	static final class Encoder {

		private ByteBuffer buffer = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);

		/**
		 * Write values of the types that a signature lists.
		 * @param signature the signature
		 * @param values one value per complete type
		 * @return this encoder
		 * @throws DBusException if the signature is not valid or a value does not fit
		 */
		Encoder write(String signature, List<?> values) throws DBusException {
			List<String> types = types(signature);
			if (types.size() != values.size()) {
				throw new DBusException(types.size() + " values expected for '" + signature + "'");
			}
			for (int i = 0; i < types.size(); i++) {
				write(types.get(i), values.get(i));
			}
			return this;
		}

		/**
		 * Pad with zero bytes to a multiple of the alignment.
		 * @param alignment the alignment
		 */
		void align(int alignment) {
			while (this.buffer.position() % alignment != 0) {
				room(1).put((byte) 0);
			}
		}

		byte[] toByteArray() {
			return Arrays.copyOf(this.buffer.array(), this.buffer.position());
		}

		private void write(String type, Object value) throws DBusException {
			char code = type.charAt(0);
			align(alignment(code));
			try {
				switch (code) {
					case 'y' -> room(1).put(((Number) value).byteValue());
					case 'b' -> room(4).putInt(((Boolean) value) ? 1 : 0);
					case 'n', 'q' -> room(2).putShort(((Number) value).shortValue());
					case 'i', 'u', 'h' -> room(4).putInt(((Number) value).intValue());
					case 'x', 't' -> room(8).putLong(((Number) value).longValue());
					case 'd' -> room(8).putDouble(((Number) value).doubleValue());
					case 's', 'o' -> {
						byte[] text = ((String) value).getBytes(StandardCharsets.UTF_8);
						room(5 + text.length).putInt(text.length).put(text).put((byte) 0);
					}
					case 'g' -> {
						byte[] text = ((String) value).getBytes(StandardCharsets.US_ASCII);
						room(2 + text.length).put((byte) text.length).put(text).put((byte) 0);
					}
					case 'v' -> {
						Variant variant = (Variant) value;
						write("g", variant.signature());
						write(variant.signature(), variant.value());
					}
					case 'a' -> writeArray(type.substring(1), value);
					default -> {
						List<?> members = (List<?>) value;
						write(type.substring(1, type.length() - 1), members);
					}
				}
			}
			catch (ClassCastException | NullPointerException ex) {
				throw new DBusException("a value does not fit the D-Bus type '" + type + "'");
			}
		}

		private void writeArray(String element, Object value) throws DBusException {
			int lengthAt = room(4).position();
			this.buffer.putInt(0);
			align(alignment(element.charAt(0)));
			int start = this.buffer.position();
			if (element.equals("y")) {
				byte[] bytes = (byte[]) value;
				room(bytes.length).put(bytes);
			}
			else if (element.charAt(0) == '{') {
				List<String> entry = types(element.substring(1, element.length() - 1));
				for (Map.Entry<?, ?> each : ((Map<?, ?>) value).entrySet()) {
					align(8);
					write(entry.get(0), each.getKey());
					write(entry.get(1), each.getValue());
				}
			}
			else {
				for (Object each : (List<?>) value) {
					write(element, each);
				}
			}
			this.buffer.putInt(lengthAt, this.buffer.position() - start);
		}

		private ByteBuffer room(int bytes) {
			if (this.buffer.remaining() < bytes) {
				ByteBuffer larger = ByteBuffer.allocate(Math.max(this.buffer.capacity() * 2, this.buffer.position() + bytes))
					.order(ByteOrder.LITTLE_ENDIAN);
				this.buffer.flip();
				larger.put(this.buffer);
				this.buffer = larger;
			}
			return this.buffer;
		}

	}

	/**
	 * Reads values, checking every length against what the buffer holds.
	 */
	static final class Decoder {

		private final ByteBuffer buffer;

		/**
		 * Create a decoder.
		 * @param buffer the bytes, from its position to its limit, with the byte order
		 * of the message; alignment counts from its position
		 */
		Decoder(ByteBuffer buffer) {
			this.buffer = buffer.slice().order(buffer.order());
		}

		/**
		 * Read values of the types that a signature lists.
		 * @param signature the signature
		 * @return one value per complete type
		 * @throws DBusException if the bytes do not hold such values
		 */
		List<Object> read(String signature) throws DBusException {
			List<Object> values = new ArrayList<>();
			for (String type : types(signature)) {
				values.add(readValue(type));
			}
			return values;
		}

		int position() {
			return this.buffer.position();
		}

		private Object readValue(String type) throws DBusException {
			char code = type.charAt(0);
			skipPadding(alignment(code));
			return switch (code) {
				case 'y' -> need(1).get();
				case 'b' -> need(4).getInt() != 0;
				case 'n', 'q' -> (int) need(2).getShort();
				case 'i', 'u', 'h' -> need(4).getInt();
				case 'x', 't' -> need(8).getLong();
				case 'd' -> need(8).getDouble();
				case 's', 'o' -> text(need(4).getInt());
				case 'g' -> text(need(1).get() & 0xFF);
				case 'v' -> {
					String signature = (String) readValue("g");
					if (types(signature).size() != 1) {
						throw new DBusException("a variant holds '" + signature + "', not one value");
					}
					yield new Variant(signature, readValue(signature));
				}
				case 'a' -> readArray(type.substring(1));
				default -> read(type.substring(1, type.length() - 1));
			};
		}

		private Object readArray(String element) throws DBusException {
			int length = need(4).getInt();
			skipPadding(alignment(element.charAt(0)));
			if (length < 0 || length > this.buffer.remaining()) {
				throw new DBusException("an array is longer than the message");
			}
			if (element.equals("y")) {
				byte[] bytes = new byte[length];
				this.buffer.get(bytes);
				return bytes;
			}
			int end = this.buffer.position() + length;
			if (element.charAt(0) == '{') {
				List<String> entry = types(element.substring(1, element.length() - 1));
				Map<Object, Object> map = new LinkedHashMap<>();
				while (this.buffer.position() < end) {
					skipPadding(8);
					map.put(readValue(entry.get(0)), readValue(entry.get(1)));
				}
				return ended(map, end);
			}
			List<Object> list = new ArrayList<>();
			while (this.buffer.position() < end) {
				list.add(readValue(element));
			}
			return ended(list, end);
		}

		private Object ended(Object array, int end) throws DBusException {
			if (this.buffer.position() != end) {
				throw new DBusException("an array's elements overrun its length");
			}
			return array;
		}

		private String text(int length) throws DBusException {
			if (length < 0 || length >= this.buffer.remaining()) {
				throw new DBusException("a string is longer than the message");
			}
			byte[] bytes = new byte[length];
			this.buffer.get(bytes);
			if (this.buffer.get() != 0) {
				throw new DBusException("a string is not terminated");
			}
			return new String(bytes, StandardCharsets.UTF_8);
		}

		private void skipPadding(int alignment) throws DBusException {
			int padding = (alignment - this.buffer.position() % alignment) % alignment;
			need(padding).position(this.buffer.position() + padding);
		}

		private ByteBuffer need(int bytes) throws DBusException {
			if (this.buffer.remaining() < bytes) {
				throw new DBusException("the message ends in the middle of a value");
			}
			return this.buffer;
		}

	}

}
