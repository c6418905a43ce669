package dev.desktopidentity.cache;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.desktopidentity.cache.DBusCodec.Variant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DBusCodec}.
 */
class DBusCodecTests {

	@Test
	void typesWhenSignatureValidThenSplitIntoCompleteTypes() throws Exception {
		assertThat(DBusCodec.types("sa{ss}(oayays)aovu")).containsExactly("s", "a{ss}", "(oayays)", "ao", "v", "u");
		assertThat(DBusCodec.types("a{o(oayays)}")).containsExactly("a{o(oayays)}");
		assertThat(DBusCodec.types("")).isEmpty();
	}

	@Test
	void typesWhenSignatureInvalidThenRefused() {
		for (String signature : List.of("a", "(s", "a{s}", "a{sss}", "a{(s)s}", "z", "s)", "{ss}",
				"a".repeat(70) + "s")) {
			assertThatExceptionOfType(DBusException.class).as(signature)
				.isThrownBy(() -> DBusCodec.types(signature))
				.withMessageContaining("invalid type signature");
		}
	}

	@Test
	void writeWhenBasicTypesThenAlignedLittleEndianAsSpecified() throws Exception {
		byte[] bytes = new DBusEncoder().write("ysgu", List.of((byte) 7, "é", "ay", 0x01020304)).toByteArray();
		// y, 3 bytes padding, string length 2 + UTF-8 + NUL, signature length 2 + "ay" + NUL,
		// padding to 4, uint32
		assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("07000000" + "02000000c3a900" + "02617900" + "00"
				+ "04030201");
	}

	@Test
	void writeWhenEmptyArrayOfStructsThenLengthZeroAndPaddedToEight() throws Exception {
		byte[] bytes = new DBusEncoder().write("a(yv)", List.of(List.of())).toByteArray();
		assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("00000000" + "00000000");
	}

	@Test
	void readWhenWrittenThenSameValues() throws Exception {
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("xdg:schema", "dev.desktopidentity.TokenCacheKey");
		attributes.put("cache", "/home/ålice/cache");
		List<Object> values = List.of((byte) 1, true, "s", "/org/x", attributes, List.of("/a", "/b"),
				new Variant("ay", new byte[] { 1, 2, 3 }), List.of("/session", new byte[0], new byte[] { 9 }, "text"),
				Long.MAX_VALUE, 1.5d);
		String signature = "ybsoa{ss}aov(oayays)xd";
		byte[] bytes = new DBusEncoder().write(signature, values).toByteArray();
		List<Object> read = new DBusDecoder(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN))
			.read(signature);
		assertThat(read).usingRecursiveFieldByFieldElementComparator().hasSize(values.size());
		assertThat(read.subList(0, 6)).isEqualTo(values.subList(0, 6));
		assertThat(((Variant) read.get(6)).signature()).isEqualTo("ay");
		assertThat((byte[]) ((Variant) read.get(6)).value()).containsExactly(1, 2, 3);
		List<?> secret = (List<?>) read.get(7);
		assertThat(secret.get(0)).isEqualTo("/session");
		assertThat((byte[]) secret.get(2)).containsExactly(9);
		assertThat(read.subList(8, 10)).containsExactly(Long.MAX_VALUE, 1.5d);
	}

	@Test
	void readWhenBigEndianThenSameValues() throws Exception {
		byte[] bytes = HexFormat.of().parseHex("00000002" + "6f6b00" + "00" + "01020304");
		assertThat(new DBusDecoder(ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN)).read("su"))
			.containsExactly("ok", 0x01020304);
	}

	@Test
	void readWhenLengthsOverrunOrValuesTruncatedThenRefused() {
		// a string longer than the buffer
		assertRefused("s", "ff000000616263");
		// a string not NUL-terminated
		assertRefused("s", "02000000616263");
		// an array longer than the buffer
		assertRefused("ay", "10000000010203");
		// an array whose last element overruns its length (5 bytes; "a" takes 6)
		assertRefused("as", "050000000100000061000000");
		// a uint32 cut short
		assertRefused("u", "0102");
		// a variant holding two values
		assertRefused("v", "0273730000000000");
	}

	private static void assertRefused(String signature, String hex) {
		assertThatExceptionOfType(DBusException.class).as(signature + " " + hex)
			.isThrownBy(() -> new DBusDecoder(ByteBuffer.wrap(HexFormat.of().parseHex(hex))
				.order(ByteOrder.LITTLE_ENDIAN)).read(signature))
			.satisfies((ex) -> assertThat(ex.errorName()).isNull());
	}

	@Test
	void writeWhenValueDoesNotFitTypeThenRefused() {
		assertThatExceptionOfType(DBusException.class)
			.isThrownBy(() -> new DBusEncoder().write("s", List.of(42)))
			.withMessageContaining("'s'");
		assertThatExceptionOfType(DBusException.class)
			.isThrownBy(() -> new DBusEncoder().write("ss", List.of("one")))
			.withMessageContaining("2 values expected");
	}

}
