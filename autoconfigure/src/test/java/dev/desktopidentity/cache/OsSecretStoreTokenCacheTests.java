package dev.desktopidentity.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.microsoft.aad.msal4j.TokenCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PersistentTokenCache} with the real secret store of Windows (DPAPI)
 * and macOS (the login keychain), shared by real processes. The Secret Service on Linux
 * is tested in {@link SecretServiceTokenCacheTests}.
 */
@EnabledOnOs({ OS.WINDOWS, OS.MAC })
class OsSecretStoreTokenCacheTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(120);

	@TempDir
	Path directory;

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	@BeforeEach
	void captureLogs() {
		this.logs.start();
		((Logger) LoggerFactory.getLogger(PersistentTokenCache.class)).addAppender(this.logs);
	}

	@AfterEach
	void deleteKey() throws SecretStoreException {
		((Logger) LoggerFactory.getLogger(PersistentTokenCache.class)).detachAppender(this.logs);
		OsSecretStores.forCurrentPlatform(TestCaches.CLIENT_ID, this.directory.toAbsolutePath()).delete();
	}

	@Test
	void cacheWhenTwoProcessesWriteAtOnceThenBothUseOneKeyAndNoWriteIsLost() throws Exception {
		List<ChildJvm> writers = new ArrayList<>();
		try {
			for (int i = 0; i < 2; i++) {
				writers.add(writer("write", "p" + i, "50"));
			}
			for (ChildJvm writer : writers) {
				assertThat(writer.awaitExit(TIMEOUT)).as(writer.output()).isZero();
				assertThat(writer.lines()).contains("done");
			}
		}
		finally {
			for (ChildJvm writer : writers) {
				writer.close();
			}
		}
		try (ChildJvm counter = writer("count")) {
			counter.awaitLine("USERS 100"::equals, TIMEOUT);
		}
		PersistentTokenCache cache = new PersistentTokenCache(this.directory, TestCaches.CLIENT_ID,
				CacheProtection.OS, false);
		assertThat(cache.status().protection()).isEqualTo(TokenCacheProtection.OS_STORE);
		assertThat(TestCaches.read(cache)).contains("p0-49@example.test", "p1-49@example.test");
		Path file = this.directory.resolve(PersistentTokenCache.ENCRYPTED_FILE);
		assertThat(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("RT-p0-0");
		TestCaches.assertReadableOnlyByOwner(file);
		assertThat(this.directory.resolve(PersistentTokenCache.PLAIN_FILE)).doesNotExist();
		assertThat(names()).noneMatch((name) -> name.contains(".unreadable-"));
	}

	@Test
	void cacheWhenFileDamagedThenMovedAsideWithOneWarningAndNextWriteIsReadable() throws Exception {
		TestCaches.addAccount(osCache(), new TokenCache(), "alice");
		Path file = this.directory.resolve(PersistentTokenCache.ENCRYPTED_FILE);
		byte[] content = Files.readAllBytes(file);
		Files.write(file, java.util.Arrays.copyOf(content, content.length / 2));
		PersistentTokenCache cache = osCache();
		TokenCache tokens = new TokenCache();
		TestCaches.access(cache, tokens, null);
		assertThat(tokens.serialize()).doesNotContain("alice");
		TestCaches.addAccount(cache, tokens, "bob");
		assertThat(TestCaches.read(osCache())).contains("bob@example.test").doesNotContain("alice");
		assertThat(names()).filteredOn((name) -> name.startsWith(PersistentTokenCache.ENCRYPTED_FILE + ".unreadable-"))
			.hasSize(1);
		assertThat(this.logs.list).filteredOn((event) -> event.getLevel() == Level.WARN).hasSize(1);
	}

	@Test
	@EnabledOnOs(OS.WINDOWS)
	void writeWhenAnotherProcessHoldsTheCacheOpenWithoutDeleteSharingThenReplacesItOnceClosed() throws Exception {
		TestCaches.addAccount(osCache(), new TokenCache(), "alice");
		PersistentTokenCache cache = osCache();
		TokenCache tokens = new TokenCache();
		TestCaches.access(cache, tokens, null);
		try (ChildJvm holder = writer("hold-open", PersistentTokenCache.ENCRYPTED_FILE, "600")) {
			holder.awaitLine("open"::equals, TIMEOUT);
			TestCaches.addAccount(cache, tokens, "bob");
			holder.awaitLine("closed"::equals, TIMEOUT);
		}
		assertThat(this.logs.list).filteredOn((event) -> event.getLevel() == Level.WARN).isEmpty();
		assertThat(TestCaches.read(osCache())).contains("alice@example.test", "bob@example.test");
	}

	private PersistentTokenCache osCache() {
		return new PersistentTokenCache(this.directory, TestCaches.CLIENT_ID, CacheProtection.OS, false);
	}

	private ChildJvm writer(String... arguments) throws IOException {
		List<String> all = new ArrayList<>(List.of(this.directory.toString(), "os"));
		all.addAll(List.of(arguments));
		return ChildJvm.start(CacheWriterProcess.class, all.toArray(String[]::new));
	}

	private List<String> names() throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

}
