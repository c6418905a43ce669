package dev.desktopidentity.cache;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes values, little-endian.
 */
final class DBusEncoder {

	private ByteBuffer buffer = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);

	/**
	 * Write values of the types that a signature lists.
	 * @param signature the signature
	 * @param values one value per complete type
	 * @return this encoder
	 * @throws DBusException if the signature is not valid or a value does not fit
	 */
	DBusEncoder write(String signature, List<?> values) throws DBusException {
		List<String> types = DBusCodec.types(signature);
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
		align(DBusCodec.alignment(code));
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
					DBusCodec.Variant variant = (DBusCodec.Variant) value;
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
		align(DBusCodec.alignment(element.charAt(0)));
		int start = this.buffer.position();
		if (element.equals("y")) {
			byte[] bytes = (byte[]) value;
			room(bytes.length).put(bytes);
		}
		else if (element.charAt(0) == '{') {
			List<String> entry = DBusCodec.types(element.substring(1, element.length() - 1));
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
