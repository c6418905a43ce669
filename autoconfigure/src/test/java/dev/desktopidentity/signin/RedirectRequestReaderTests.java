package dev.desktopidentity.signin;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.desktopidentity.signin.RedirectRequestReader.Rejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RedirectRequestReader}.
 */
class RedirectRequestReaderTests {

	@Test
	void appendWhenRequestArrivesInPiecesThenCompleteOnlyAtTheEnd() throws Rejected {
		RedirectRequestReader reader = new RedirectRequestReader();
		String request = "\r\nGET /cb?code=c&state=s HTTP/1.1\r\nHost: 127.0.0.1:1234\r\nX-Two: a\r\nx-two: b\n\r\n";
		RedirectRequest read = null;
		for (int i = 0; i < request.length(); i++) {
			assertThat(read).isNull();
			read = reader.append(bytes(request.substring(i, i + 1)));
		}
		assertThat(read).isNotNull();
		assertThat(read.method()).isEqualTo("GET");
		assertThat(read.path()).isEqualTo("/cb");
		assertThat(read.query()).isEqualTo("code=c&state=s");
		assertThat(read.authority()).isNull();
		assertThat(read.header("HOST")).containsExactly("127.0.0.1:1234");
		assertThat(read.header("X-Two")).containsExactly("a", "b");
		assertThat(read.singleHeader("X-Two")).isNull();
		assertThat(read.toString()).isEqualTo("GET /cb").doesNotContain("code");
	}

	@Test
	void appendWhenContentLengthThenWaitsForWholeBody() throws Rejected {
		RedirectRequestReader reader = new RedirectRequestReader();
		assertThat(reader.append(bytes("POST / HTTP/1.1\r\nContent-Length: 10, 10\r\n\r\ncode="))).isNull();
		RedirectRequest read = reader.append(bytes("a&x=1EXTRA"));
		assertThat(new String(read.body(), StandardCharsets.US_ASCII)).isEqualTo("code=a&x=1");
	}

	@Test
	void appendWhenChunkedThenDecodesAcrossPiecesWithExtensionsAndTrailers() throws Rejected {
		RedirectRequestReader reader = new RedirectRequestReader();
		String request = "POST / HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n5;ext=1\r\ncode=\r\n"
				+ "A\r\n0123456789\r\n0\r\nTrailer: x\r\n\r\n";
		RedirectRequest read = null;
		for (int i = 0; i < request.length(); i += 3) {
			assertThat(read).isNull();
			read = reader.append(bytes(request.substring(i, Math.min(request.length(), i + 3))));
		}
		assertThat(new String(read.body(), StandardCharsets.US_ASCII)).isEqualTo("code=0123456789");
	}

	@Test
	void appendWhenAbsoluteFormThenAuthorityAndPath() throws Rejected {
		RedirectRequest read = new RedirectRequestReader()
			.append(bytes("GET http://LOCALHOST:80?code=c HTTP/1.0\r\nHost: localhost\r\n\r\n"));
		assertThat(read.authority()).isEqualTo("LOCALHOST:80");
		assertThat(read.path()).isEqualTo("/");
		assertThat(read.query()).isEqualTo("code=c");
	}

	@Test
	void takeContinueWhenExpectedAndBodyNotYetSentThenOnce() throws Rejected {
		RedirectRequestReader reader = new RedirectRequestReader();
		reader.append(bytes("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n"));
		assertThat(reader.takeContinue()).isTrue();
		assertThat(reader.takeContinue()).isFalse();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			GET /cb HTTP/1.1\\r\\nHost: a\\r\\n folded\\r\\n\\r\\n                          | 400
			GET /cb HTTP/1.1\\r\\nHost\\t: a\\r\\n\\r\\n                                   | 400
			GET /cb HTTP/1.1\\r\\nHost: a\\u0000b\\r\\n\\r\\n                              | 400
			GET /cb HTTP/1.1\\r\\nHost: a\\rb\\r\\n\\r\\n                                  | 400
			GET /cb#frag HTTP/1.1\\r\\n\\r\\n                                              | 400
			GET * HTTP/1.1\\r\\n\\r\\n                                                     | 400
			CONNECT 127.0.0.1:80 HTTP/1.1\\r\\n\\r\\n                                      | 400
			GET /cb HTTP/1.1\\r\\n: empty\\r\\n\\r\\n                                      | 400
			GET /cb HTTP/3\\r\\n\\r\\n                                                     | 505
			GET /cb http/1.1\\r\\n\\r\\n                                                   | 400
			POST / HTTP/1.1\\r\\nContent-Length: 1\\r\\nContent-Length: 2\\r\\n\\r\\n       | 400
			POST / HTTP/1.1\\r\\nContent-Length: +1\\r\\n\\r\\n                            | 400
			POST / HTTP/1.1\\r\\nContent-Length: 99999999999\\r\\n\\r\\n                   | 400
			POST / HTTP/1.1\\r\\nContent-Length: 65537\\r\\n\\r\\n                         | 413
			POST / HTTP/1.1\\r\\nContent-Length: 1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n | 400
			POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n | 501
			POST / HTTP/1.1\\r\\nTransfer-Encoding: identity\\r\\n\\r\\n                   | 501
			POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\n             | 400
			POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n-1\\r\\n             | 400
			POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n1\\nx\\r\\n           | 400
			POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n1\\r\\nxy0\\r\\n\\r\\n   | 400
			POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n10001\\r\\n          | 413
			POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n100000000\\r\\n      | 413
			""")
	void appendWhenAmbiguousOrUnsupportedThenRejected(String request, int status) {
		assertThatExceptionOfType(Rejected.class)
			.isThrownBy(() -> new RedirectRequestReader().append(bytes(unescape(request))))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(status));
	}

	@Test
	void appendWhenHeadNeverEndsThenRejectedOnceOverTheLimit() throws Rejected {
		RedirectRequestReader reader = new RedirectRequestReader();
		String line = "X-Filler: " + "x".repeat(1000) + "\r\n";
		reader.append(bytes("GET / HTTP/1.1\r\n"));
		assertThatExceptionOfType(Rejected.class).isThrownBy(() -> {
			for (int i = 0; i <= RedirectRequestReader.MAX_HEAD_SIZE / line.length(); i++) {
				reader.append(bytes(line));
			}
		}).satisfies((ex) -> assertThat(ex.status()).isEqualTo(431));
	}

	@Test
	void appendWhenChunkedBodyOfTinyChunksGrowsBeyondLimitThenRejected() throws Rejected {
		RedirectRequestReader reader = new RedirectRequestReader();
		reader.append(bytes("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"));
		assertThatExceptionOfType(Rejected.class).isThrownBy(() -> {
			for (int i = 0; i < RedirectRequestReader.MAX_BODY_SIZE; i++) {
				reader.append(bytes("1;" + "e".repeat(10) + "\r\nx\r\n"));
			}
		}).satisfies((ex) -> assertThat(ex.status()).isEqualTo(413));
	}

	private static ByteBuffer bytes(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
	}

	private static String unescape(String text) {
		return text.strip()
			.replace("\\r", "\r")
			.replace("\\n", "\n")
			.replace("\\t", "\t")
			.replace("\\u0000", "\u0000");
	}

}
