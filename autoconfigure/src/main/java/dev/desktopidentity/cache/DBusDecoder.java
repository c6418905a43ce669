package dev.desktopidentity.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads values, checking every length against what the buffer holds.
 */
final class DBusDecoder {

	private final ByteBuffer buffer;

	/**
	 * Create a decoder.
	 * @param buffer the bytes, from its position to its limit, with the byte order
	 * of the message; alignment counts from its position
	 */
	DBusDecoder(ByteBuffer buffer) {
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
		for (String type : DBusCodec.types(signature)) {
			values.add(readValue(type));
		}
		return values;
	}

	int position() {
		return this.buffer.position();
	}

	private Object readValue(String type) throws DBusException {
		char code = type.charAt(0);
		skipPadding(DBusCodec.alignment(code));
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
				if (DBusCodec.types(signature).size() != 1) {
					throw new DBusException("a variant holds '" + signature + "', not one value");
				}
				yield new DBusCodec.Variant(signature, readValue(signature));
			}
			case 'a' -> readArray(type.substring(1));
			default -> read(type.substring(1, type.length() - 1));
		};
	}

	private Object readArray(String element) throws DBusException {
		int length = need(4).getInt();
		skipPadding(DBusCodec.alignment(element.charAt(0)));
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
			List<String> entry = DBusCodec.types(element.substring(1, element.length() - 1));
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
