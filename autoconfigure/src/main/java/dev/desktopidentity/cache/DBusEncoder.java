package dev.desktopidentity.cache;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.desktopidentity.cache.DBusCodec.Variant;

/**
 * Writes values, little-endian.
 */
final class DBusEncoder {

	private static final byte METHOD_CALL = 1;

	private ByteBuffer buffer = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);

	/**
	 * Encode a method call.
	 * @param serial the call's serial number
	 * @param destination the bus name of the service
	 * @param path the object path
	 * @param iface the interface
	 * @param member the method
	 * @param signature the signature of the arguments
	 * @param arguments the arguments
	 * @return the header, padded to the body's alignment, and the body
	 * @throws DBusException if an argument does not fit the signature
	 */
	static byte[][] methodCall(int serial, String destination, String path, String iface, String member,
			String signature, List<?> arguments) throws DBusException {
		byte[] body = new DBusEncoder().write(signature, arguments).toByteArray();
		List<List<Object>> fields = new ArrayList<>();
		fields.add(List.of((byte) 1, new Variant("o", path)));
		fields.add(List.of((byte) 2, new Variant("s", iface)));
		fields.add(List.of((byte) 3, new Variant("s", member)));
		fields.add(List.of((byte) 6, new Variant("s", destination)));
		if (!signature.isEmpty()) {
			fields.add(List.of((byte) 8, new Variant("g", signature)));
		}
		DBusEncoder header = new DBusEncoder().write(DBusCodec.HEADER,
				List.of((byte) 'l', METHOD_CALL, (byte) 0, (byte) 1, body.length, serial, fields));
		header.align(8);
		return new byte[][] { header.toByteArray(), body };
	}

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
