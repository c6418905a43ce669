package dev.desktopidentity.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.microsoft.aad.msal4j.TokenCache;
import dev.desktopidentity.cache.WindowsDataProtection.DataProtectionException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DpapiSecretStore} with a stand-in for DPAPI, which says what the
 * store asked and refuses the way Windows does; the real DPAPI is tested on Windows in
 * {@code WindowsDataProtectionTests}.
 */
class DpapiSecretStoreTests {

	private static final byte[] KEY = new byte[32];

	static {
		Arrays.fill(KEY, (byte) 0x5A);
	}

	@TempDir
	Path directory;

	private final FakeDataProtection dpapi = new FakeDataProtection();

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	@BeforeEach
	void captureLogs() {
		this.logs.start();
		((Logger) LoggerFactory.getLogger(PersistentTokenCache.class)).addAppender(this.logs);
	}

	@AfterEach
	void releaseLogs() {
		((Logger) LoggerFactory.getLogger(PersistentTokenCache.class)).detachAppender(this.logs);
	}

	@Test
	void readWhenNoKeyFileThenNoKeyAndNoDpapiCall() throws SecretStoreException {
		assertThat(store().read()).isNull();
		assertThat(this.dpapi.calls).isEmpty();
	}

	@Test
	void writeThenKeyFileHoldsOnlyTheProtectedBlobAndReadGivesTheKeyBack() throws Exception {
		store().write(KEY);
		byte[] file = Files.readAllBytes(keyFile());
		assertThat(new String(file, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("DIK1");
		assertThat(Arrays.copyOfRange(file, 4, file.length)).isEqualTo(FakeDataProtection.blob(KEY));
		assertThat(store().read()).isEqualTo(KEY);
		assertThat(this.dpapi.calls).containsExactly(
				"protect entropy=dev.desktopidentity.TokenCacheKey description=desktop-identity token cache key",
				"unprotect entropy=dev.desktopidentity.TokenCacheKey");
	}

	@Test
	void readWhenKeyFileIsNotOneOfOursThenMovedAsideAndNoKey() throws Exception {
		Files.write(keyFile(), "not a key".getBytes(StandardCharsets.US_ASCII));
		assertThat(store().read()).isNull();
		assertThat(keyFile()).doesNotExist();
		assertThat(asideFiles(DpapiSecretStore.KEY_FILE)).hasSize(1);
		assertThat(this.dpapi.calls).isEmpty();
	}

	@ParameterizedTest(name = "error {0}")
	@ValueSource(ints = { 13, 87, 0x80090005, 0x8009000B })
	void readWhenDpapiSaysBlobIsDamagedOrAnotherUsersThenMovedAsideAndNoKey(int errorCode) throws Exception {
		store().write(KEY);
		this.dpapi.failure = new DataProtectionException(errorCode, "The data is invalid.");
		assertThat(store().read()).isNull();
		assertThat(keyFile()).doesNotExist();
		assertThat(asideFiles(DpapiSecretStore.KEY_FILE)).singleElement()
			.satisfies((aside) -> assertThat(Files.readAllBytes(aside)).endsWith(FakeDataProtection.blob(KEY)));
	}

	@Test
	void readWhenDpapiRefusesForAnotherReasonThenFailsNamingTheErrorAndKeepsTheFile() throws Exception {
		store().write(KEY);
		this.dpapi.failure = new DataProtectionException(0x80070005, "Access is denied.");
		assertThatExceptionOfType(SecretStoreException.class).isThrownBy(() -> store().read())
			.withMessageContaining("Windows DPAPI refused to decrypt the token cache key")
			.withMessageContaining("Access is denied. (error 0x80070005)");
		assertThat(keyFile()).exists();
		assertThat(asideFiles(DpapiSecretStore.KEY_FILE)).isEmpty();
	}

	@Test
	void writeWhenDpapiRefusesThenFailsAndWritesNothing() {
		this.dpapi.failure = new DataProtectionException(2, "The system cannot find the file specified.");
		assertThatExceptionOfType(SecretStoreException.class).isThrownBy(() -> store().write(KEY))
			.withMessageContaining("refused to encrypt")
			.withMessageContaining("(error 0x00000002)");
		assertThat(keyFile()).doesNotExist();
	}

	@Test
	void writeOrReadWhenJnaPlatformMissingThenStoreDoesNotWorkSayingWhy() throws Exception {
		DpapiSecretStore missing = new DpapiSecretStore(this.directory, () -> {
			throw new NoClassDefFoundError("com/sun/jna/platform/win32/Crypt32Util");
		}, Clock.systemUTC());
		assertThatExceptionOfType(SecretStoreException.class).isThrownBy(() -> missing.write(KEY))
			.withMessageContaining("net.java.dev.jna:jna-platform is not on the class path");
		store().write(KEY);
		assertThatExceptionOfType(SecretStoreException.class).isThrownBy(missing::read)
			.withMessageContaining("jna-platform");
		assertThat(keyFile()).exists();
	}

	@Test
	void deleteThenKeyFileGoneAndDeletingAgainIsFine() throws Exception {
		store().write(KEY);
		store().delete();
		assertThat(keyFile()).doesNotExist();
		store().delete();
	}

	@Test
	void cacheWhenKeyFileDamagedThenNewKeyAndCacheMovedAsideWithOneWarning() throws Exception {
		TestCaches.addAccount(cache(), new TokenCache(), "alice");
		byte[] damaged = Files.readAllBytes(keyFile());
		damaged[damaged.length - 1] ^= 1;
		Files.write(keyFile(), damaged);
		this.dpapi.damaged = damaged;
		PersistentTokenCache cache = cache();
		TokenCache tokens = new TokenCache();
		TestCaches.access(cache, tokens, null);
		TestCaches.addAccount(cache, tokens, "bob");
		assertThat(TestCaches.read(cache())).contains("bob@example.test").doesNotContain("alice");
		assertThat(asideFiles(PersistentTokenCache.ENCRYPTED_FILE)).hasSize(1);
		assertThat(asideFiles(DpapiSecretStore.KEY_FILE)).singleElement()
			.satisfies((aside) -> assertThat(Files.readAllBytes(aside)).isEqualTo(damaged));
		assertThat(this.logs.list).filteredOn((event) -> event.getLevel() == Level.WARN)
			.singleElement()
			.extracting(ILoggingEvent::getFormattedMessage)
			.asString()
			.contains("cannot be read", "Windows DPAPI");
	}

	@Test
	void cacheWhenProtectedWithDpapiThenStatusNamesIt() {
		assertThat(cache().status().description()).startsWith(
				"encrypted (AES-256-GCM) with a key kept in the key file protected by Windows DPAPI (msal-cache.key)");
	}

	private PersistentTokenCache cache() {
		return TestCaches.protectedBy(this.directory, store(), CacheProtection.OS, false);
	}

	private DpapiSecretStore store() {
		return new DpapiSecretStore(this.directory, () -> this.dpapi, Clock.systemUTC());
	}

	private Path keyFile() {
		return this.directory.resolve(DpapiSecretStore.KEY_FILE);
	}

	private List<Path> asideFiles(String name) throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.filter((file) -> file.getFileName().toString().startsWith(name + ".unreadable-")).toList();
		}
	}

	/**
	 * Stands in for DPAPI: a reversible transformation that refuses a changed blob or
	 * other entropy as Windows does, or fails as told.
	 */
	private static final class FakeDataProtection implements WindowsDataProtection {

		private final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();

		private @Nullable DataProtectionException failure;

		private byte @Nullable [] damaged;

		static byte[] blob(byte[] data) {
			byte[] blob = new byte[data.length + 1];
			blob[0] = 1;
			for (int i = 0; i < data.length; i++) {
				blob[i + 1] = (byte) (data[i] ^ 0x33);
			}
			return blob;
		}

		@Override
		public byte[] protect(byte[] data, byte[] entropy, String description) throws DataProtectionException {
			this.calls.add("protect entropy=" + new String(entropy, StandardCharsets.US_ASCII) + " description="
					+ description);
			if (this.failure != null) {
				throw this.failure;
			}
			return blob(data);
		}

		@Override
		public byte[] unprotect(byte[] blob, byte[] entropy) throws DataProtectionException {
			this.calls.add("unprotect entropy=" + new String(entropy, StandardCharsets.US_ASCII));
			if (this.failure != null) {
				throw this.failure;
			}
			if (!Arrays.equals(entropy, DpapiSecretStore.ENTROPY) || blob[0] != 1 || (this.damaged != null
					&& Arrays.equals(blob, Arrays.copyOfRange(this.damaged, 4, this.damaged.length)))) {
				throw new DataProtectionException(13, "The data is invalid.");
			}
			byte[] data = new byte[blob.length - 1];
			for (int i = 0; i < data.length; i++) {
				data[i] = (byte) (blob[i + 1] ^ 0x33);
			}
			return data;
		}

	}

}
