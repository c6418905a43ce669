package dev.desktopidentity.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.microsoft.aad.msal4j.TokenCache;
import com.microsoft.aad.msal4j.TokenCacheAccessContext;
import dev.desktopidentity.cache.TestCaches.HangingSecretStore;
import dev.desktopidentity.cache.TestCaches.InMemorySecretStore;
import dev.desktopidentity.cache.TestCaches.MissingSecretStore;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static dev.desktopidentity.cache.TestCaches.addAccount;
import static dev.desktopidentity.cache.TestCaches.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PersistentTokenCache}.
 */
class PersistentTokenCacheTests {

	@TempDir
	Path temp;

	private Path directory;

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	@BeforeEach
	void captureLogs() {
		this.directory = this.temp.resolve("cache").resolve("client");
		this.logs.start();
		((Logger) LoggerFactory.getLogger(PersistentTokenCache.class)).addAppender(this.logs);
	}

	@AfterEach
	void releaseLogs() {
		((Logger) LoggerFactory.getLogger(PersistentTokenCache.class)).detachAppender(this.logs);
	}

	@Test
	void constructorThenTouchesNoFileAndNoStore() {
		new PersistentTokenCache(this.directory, CacheProtection.OS, false,
				new CacheKeySource(new HangingSecretStore(), java.time.Duration.ofSeconds(1)),
				java.time.Duration.ofSeconds(1), java.time.Clock.systemUTC());
		assertThat(this.temp.resolve("cache")).doesNotExist();
	}

	@Test
	void writeWhenCacheChangedThenAnotherInstanceReadsIt() {
		addAccount(TestCaches.plain(this.directory), new TokenCache(), "alice");
		assertThat(read(TestCaches.plain(this.directory))).contains("alice@example.test", "RT-alice");
	}

	@Test
	void writeThenDirectoryAndFilesReadableOnlyByUser() throws IOException {
		PersistentTokenCache cache = TestCaches.plain(this.directory);
		addAccount(cache, new TokenCache(), "alice");
		TestCaches.assertReadableOnlyByOwner(this.directory);
		TestCaches.assertReadableOnlyByOwner(this.temp.resolve("cache"));
		TestCaches.assertReadableOnlyByOwner(this.directory.resolve(PersistentTokenCache.PLAIN_FILE));
		TestCaches.assertReadableOnlyByOwner(this.directory.resolve(PersistentTokenCache.LOCK_FILE));
	}

	@Test
	@DisabledOnOs(value = OS.WINDOWS, disabledReason = "An existing directory keeps its ACL on Windows")
	void writeWhenDirectoryExistsWithWiderPermissionsThenMakesItPrivate() throws IOException {
		Files.createDirectories(this.directory);
		Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwxr-xr-x"));
		addAccount(TestCaches.plain(this.directory), new TokenCache(), "alice");
		assertThat(permissions(this.directory)).isEqualTo("rwx------");
	}

	@Test
	void readWhenFileCorruptThenMovesItAsideAndStartsEmpty() throws IOException {
		Files.createDirectories(this.directory);
		Files.writeString(this.directory.resolve(PersistentTokenCache.PLAIN_FILE), "{\"Account\": [oops");
		assertThat(read(TestCaches.plain(this.directory))).doesNotContain("oops").doesNotContain("@example.test");
		assertThat(asideFiles()).hasSize(1)
			.first()
			.satisfies((aside) -> assertThat(Files.readString(aside)).isEqualTo("{\"Account\": [oops"));
		assertThat(this.directory.resolve(PersistentTokenCache.PLAIN_FILE)).doesNotExist();
		assertThat(warnings()).hasSize(1).first().asString().contains("cannot be read").doesNotContain("oops");
	}

	@Test
	void readWhenFileTruncatedThenMovesItAsideAndNextWriteStartsAgain() throws IOException {
		PersistentTokenCache writer = TestCaches.plain(this.directory);
		addAccount(writer, new TokenCache(), "alice");
		Path file = this.directory.resolve(PersistentTokenCache.PLAIN_FILE);
		byte[] content = Files.readAllBytes(file);
		Files.write(file, Arrays.copyOf(content, content.length / 2));
		PersistentTokenCache reader = TestCaches.plain(this.directory);
		TokenCache tokens = new TokenCache();
		TestCaches.access(reader, tokens, null);
		assertThat(tokens.serialize()).doesNotContain("alice");
		addAccount(reader, tokens, "bob");
		assertThat(read(TestCaches.plain(this.directory))).contains("bob@example.test").doesNotContain("alice");
		assertThat(asideFiles()).hasSize(1);
		assertThat(warnings()).hasSize(1);
	}

	@Test
	void readWhenFileUnchangedThenDoesNotReadItAgain() throws IOException {
		PersistentTokenCache cache = TestCaches.plain(this.directory);
		TokenCache tokens = new TokenCache();
		addAccount(cache, tokens, "alice");
		Path file = this.directory.resolve(PersistentTokenCache.PLAIN_FILE);
		FileTime modified = overwriteUnnoticeably(file);
		TestCaches.access(cache, tokens, null);
		assertThat(tokens.serialize()).contains("alice");
		assertThat(asideFiles()).isEmpty();
		Files.setLastModifiedTime(file, FileTime.fromMillis(modified.toMillis() + 2000));
		TestCaches.access(cache, tokens, null);
		assertThat(tokens.serialize()).doesNotContain("alice");
		assertThat(asideFiles()).hasSize(1);
	}

	@Test
	void entriesWhenFileWrittenThenReadsAccountsWithoutMsal() {
		addAccount(TestCaches.plain(this.directory), new TokenCache(), "alice");
		TokenCacheEntries entries = TestCaches.plain(this.directory).entries();
		assertThat(entries).isNotNull();
		assertThat(entries.accounts()).singleElement()
			.satisfies((account) -> assertThat(account.username()).isEqualTo("alice@example.test"))
			.satisfies((account) -> assertThat(account.homeAccountId()).isEqualTo("alice.tenant"));
		assertThat(entries.accessTokens()).isEmpty();
	}

	@Test
	void entriesThenNextAccessDoesNotReadTheFileAgainUnlessItChanged() throws IOException {
		addAccount(TestCaches.plain(this.directory), new TokenCache(), "alice");
		PersistentTokenCache cache = TestCaches.plain(this.directory);
		assertThat(cache.entries()).isNotNull();
		// only a second read would see the change
		overwriteUnnoticeably(this.directory.resolve(PersistentTokenCache.PLAIN_FILE));
		TokenCache tokens = new TokenCache();
		TestCaches.access(cache, tokens, null);
		assertThat(tokens.serialize()).contains("alice", "RT-alice");
		assertThat(asideFiles()).isEmpty();
	}

	@Test
	void entriesWhenFileChangedSinceThenNextAccessReadsItAgain() {
		addAccount(TestCaches.plain(this.directory), new TokenCache(), "alice");
		PersistentTokenCache cache = TestCaches.plain(this.directory);
		assertThat(cache.entries()).isNotNull();
		addAccount(TestCaches.plain(this.directory), new TokenCache(), "bob");
		assertThat(read(cache)).contains("bob@example.test");
	}

	@Test
	void entriesWhenFileDamagedThenNullAndLeavesReportingToTheNextAccess() throws IOException {
		Files.createDirectories(this.directory);
		Files.writeString(this.directory.resolve(PersistentTokenCache.PLAIN_FILE), "{\"Account\": [oops");
		PersistentTokenCache cache = TestCaches.plain(this.directory);
		assertThat(cache.entries()).isNull();
		assertThat(asideFiles()).isEmpty();
		assertThat(warnings()).isEmpty();
		assertThat(read(cache)).doesNotContain("oops");
		assertThat(asideFiles()).hasSize(1);
		assertThat(warnings()).hasSize(1);
	}

	@Test
	void entriesWhenNoFileThenNull() {
		assertThat(TestCaches.plain(this.directory).entries()).isNull();
	}

	@Test
	void entriesWhenEncryptedThenReadsWithTheKey() {
		InMemorySecretStore store = new InMemorySecretStore();
		addAccount(TestCaches.protectedBy(this.directory, store, CacheProtection.OS, false), new TokenCache(),
				"alice");
		TokenCacheEntries entries = TestCaches.protectedBy(this.directory, store, CacheProtection.OS, false)
			.entries();
		assertThat(entries).isNotNull();
		assertThat(entries.accounts()).extracting(TokenCacheEntries.CachedAccount::username)
			.containsExactly("alice@example.test");
		assertThat(TestCaches.protectedBy(this.directory, new InMemorySecretStore(), CacheProtection.OS, false)
			.entries()).isNull();
	}

	@Test
	void accessWhenTwoCachesOnOneDirectoryEndOutOfOrderThenFileLockIsReleased() throws IOException {
		PersistentTokenCache first = TestCaches.plain(this.directory);
		PersistentTokenCache second = TestCaches.plain(this.directory);
		TokenCacheAccessContext context = TokenCacheAccessContext.builder()
			.tokenCache(new TokenCache())
			.clientId(TestCaches.CLIENT_ID)
			.hasCacheChanged(false)
			.build();
		first.beforeCacheAccess(context);
		second.beforeCacheAccess(context);
		first.afterCacheAccess(context);
		second.afterCacheAccess(context);
		try (FileChannel channel = FileChannel.open(this.directory.resolve(PersistentTokenCache.LOCK_FILE),
				StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
			assertThat(lock).isNotNull();
		}
	}

	@Test
	void writeWhenKilledWriterLeftTemporaryFileThenFirstWriteDeletesItIfOld() throws IOException {
		Files.createDirectories(this.directory);
		Path abandoned = this.directory.resolve("." + PersistentTokenCache.PLAIN_FILE + "123.tmp");
		Path recent = this.directory.resolve("." + PersistentTokenCache.PLAIN_FILE + "456.tmp");
		Files.writeString(abandoned, "{}");
		Files.writeString(recent, "{}");
		Files.setLastModifiedTime(abandoned, FileTime.fromMillis(System.currentTimeMillis() - 120_000));
		read(TestCaches.plain(this.directory));
		assertThat(abandoned).exists();
		addAccount(TestCaches.plain(this.directory), new TokenCache(), "alice");
		assertThat(abandoned).doesNotExist();
		assertThat(recent).exists();
	}

	@Test
	void readWhenAnotherProcessRemovedAnAccountThenItDoesNotComeBack() {
		PersistentTokenCache first = TestCaches.plain(this.directory);
		TokenCache firstTokens = new TokenCache();
		addAccount(first, firstTokens, "alice");
		addAccount(first, firstTokens, "bob");
		PersistentTokenCache second = TestCaches.plain(this.directory);
		TokenCache secondTokens = new TokenCache();
		// What MSAL4J's removeAccount does to the cache: alice's entries are gone
		TestCaches.access(second, secondTokens,
				(tokens) -> TokenCacheContent.replace(tokens, TestCaches.account("bob")));
		assertThat(read(TestCaches.plain(this.directory))).doesNotContain("alice").contains("bob");
		addAccount(first, firstTokens, "carol");
		assertThat(read(TestCaches.plain(this.directory))).doesNotContain("alice").contains("bob", "carol");
	}

	@Test
	void writeWhenProtectedThenFileIsEncryptedAndReadableWithTheKey() throws IOException {
		InMemorySecretStore store = new InMemorySecretStore();
		addAccount(TestCaches.protectedBy(this.directory, store, CacheProtection.OS, false), new TokenCache(),
				"alice");
		byte[] file = Files.readAllBytes(this.directory.resolve(PersistentTokenCache.ENCRYPTED_FILE));
		assertThat(new String(file, StandardCharsets.ISO_8859_1)).startsWith("DIC1")
			.doesNotContain("RT-alice")
			.doesNotContain("alice@example.test");
		assertThat(this.directory.resolve(PersistentTokenCache.PLAIN_FILE)).doesNotExist();
		assertThat(store.read()).hasSize(32);
		assertThat(read(TestCaches.protectedBy(this.directory, store, CacheProtection.OS, false)))
			.contains("RT-alice");
	}

	@Test
	void readWhenEncryptedWithAnotherKeyThenMovesItAsideAndStartsEmpty() throws IOException {
		InMemorySecretStore store = new InMemorySecretStore();
		addAccount(TestCaches.protectedBy(this.directory, store, CacheProtection.AUTO, false), new TokenCache(),
				"alice");
		store.write(new byte[32]);
		PersistentTokenCache cache = TestCaches.protectedBy(this.directory, store, CacheProtection.AUTO, false);
		assertThat(read(cache)).doesNotContain("alice");
		assertThat(asideFiles()).hasSize(1);
		assertThat(warnings()).hasSize(1).first().asString().contains("cannot be decrypted");
	}

	@Test
	void readWhenAnotherProcessStoredANewKeyThenReadsWithItAndMovesNothing() throws IOException {
		InMemorySecretStore store = new InMemorySecretStore();
		PersistentTokenCache first = TestCaches.protectedBy(this.directory, store, CacheProtection.AUTO, false);
		TokenCache firstTokens = new TokenCache();
		addAccount(first, firstTokens, "alice");
		// Another process found the file unreadable, moved it aside and started again
		store.delete();
		Files.delete(this.directory.resolve(PersistentTokenCache.ENCRYPTED_FILE));
		addAccount(TestCaches.protectedBy(this.directory, store, CacheProtection.AUTO, false), new TokenCache(),
				"bob");
		TestCaches.access(first, firstTokens, null);
		assertThat(firstTokens.serialize()).contains("bob").doesNotContain("alice");
		assertThat(asideFiles()).isEmpty();
		assertThat(warnings()).isEmpty();
	}

	@Test
	void readWhenKeyGoneFromStoreThenMovesItAsideAndWritesWithNewKey() throws IOException {
		InMemorySecretStore store = new InMemorySecretStore();
		addAccount(TestCaches.protectedBy(this.directory, store, CacheProtection.AUTO, false), new TokenCache(),
				"alice");
		store.delete();
		PersistentTokenCache cache = TestCaches.protectedBy(this.directory, store, CacheProtection.AUTO, false);
		TokenCache tokens = new TokenCache();
		TestCaches.access(cache, tokens, null);
		addAccount(cache, tokens, "bob");
		assertThat(read(TestCaches.protectedBy(this.directory, store, CacheProtection.AUTO, false)))
			.contains("bob")
			.doesNotContain("alice");
		assertThat(asideFiles()).hasSize(1);
	}

	@Test
	void accessWhenAutoAndNoStoreThenFailsSayingHowToFix() {
		PersistentTokenCache cache = TestCaches.protectedBy(this.directory, new MissingSecretStore(),
				CacheProtection.AUTO, false);
		assertThatExceptionOfType(TokenCacheUnavailableException.class).isThrownBy(() -> read(cache))
			.withMessageContaining("no test store")
			.withMessageContaining(CacheBacking.howToEnable(OsSecretStores.Platform.current()))
			.withMessageContaining("identity.cache.allow-unprotected=true")
			.withMessageContaining("identity.cache.protection=none");
		assertThat(cache.status().protection()).isEqualTo(TokenCacheProtection.UNAVAILABLE);
		assertThat(this.directory.resolve(PersistentTokenCache.PLAIN_FILE)).doesNotExist();
	}

	@Test
	void accessWhenOsAndNoStoreThenFails() {
		PersistentTokenCache cache = TestCaches.protectedBy(this.directory, new MissingSecretStore(),
				CacheProtection.OS, false);
		assertThatExceptionOfType(TokenCacheUnavailableException.class).isThrownBy(() -> read(cache))
			.withMessageContaining("identity.cache.protection=os")
			.withMessageContaining("identity.cache.protection=none");
	}

	@Test
	void accessWhenAutoAllowsUnprotectedAndNoStoreThenPlainPrivateFileAndOneWarning() throws IOException {
		PersistentTokenCache cache = TestCaches.protectedBy(this.directory, new MissingSecretStore(),
				CacheProtection.AUTO, true);
		TokenCache tokens = new TokenCache();
		addAccount(cache, tokens, "alice");
		addAccount(cache, tokens, "bob");
		read(cache);
		assertThat(Files.readString(this.directory.resolve(PersistentTokenCache.PLAIN_FILE))).contains("RT-bob");
		TestCaches.assertReadableOnlyByOwner(this.directory.resolve(PersistentTokenCache.PLAIN_FILE));
		assertThat(cache.status().protection()).isEqualTo(TokenCacheProtection.UNPROTECTED_FILE);
		assertThat(warnings()).hasSize(1).first().asString().contains("allow-unprotected");
	}

	@Test
	void accessWhenStoreDoesNotAnswerThenFailsAfterTimeout() {
		PersistentTokenCache cache = TestCaches.protectedBy(this.directory, new HangingSecretStore(),
				CacheProtection.AUTO, false);
		assertThatExceptionOfType(TokenCacheUnavailableException.class).isThrownBy(() -> read(cache))
			.withMessageContaining("did not answer within 500 ms");
	}

	@Test
	void accessWhenBeforeFailedThenLockIsReleased() {
		PersistentTokenCache cache = TestCaches.protectedBy(this.directory, new MissingSecretStore(),
				CacheProtection.OS, false);
		assertThatExceptionOfType(TokenCacheUnavailableException.class).isThrownBy(() -> read(cache));
		addAccount(TestCaches.plain(this.directory), new TokenCache(), "alice");
		assertThat(read(TestCaches.plain(this.directory))).contains("alice");
	}

	@Test
	void firstAccessWhenEncryptedThenLooksUpKeyWhileWaitingForTheLock() throws Exception {
		InMemorySecretStore store = new InMemorySecretStore();
		addAccount(TestCaches.protectedBy(this.directory, store, CacheProtection.OS, false), new TokenCache(), "alice");
		CountDownLatch lookedUp = new CountDownLatch(1);
		SecretStore watched = new SecretStore() {

			@Override
			public String name() {
				return store.name();
			}

			@Override
			public byte @Nullable [] read() {
				lookedUp.countDown();
				return store.read();
			}

			@Override
			public void write(byte[] secret) {
				store.write(secret);
			}

			@Override
			public void delete() {
				store.delete();
			}

		};
		CacheLock other = new CacheLock(this.directory.resolve(PersistentTokenCache.LOCK_FILE), Duration.ofSeconds(30));
		other.lock();
		CompletableFuture<String> reading;
		try {
			reading = CompletableFuture
				.supplyAsync(() -> read(TestCaches.protectedBy(this.directory, watched, CacheProtection.OS, false)));
			assertThat(lookedUp.await(10, TimeUnit.SECONDS)).as("key looked up while another holds the lock").isTrue();
			assertThat(reading).isNotDone();
		}
		finally {
			other.unlock();
		}
		assertThat(reading.get(10, TimeUnit.SECONDS)).contains("alice@example.test");
	}

	/**
	 * Overwrite a file with garbage of the same size, keeping its inode and time: the
	 * cheap check cannot see the change.
	 * @return the file's time
	 */
	private static FileTime overwriteUnnoticeably(Path file) throws IOException {
		FileTime modified = Files.getLastModifiedTime(file);
		byte[] garbage = new byte[(int) Files.size(file)];
		Arrays.fill(garbage, (byte) 'x');
		Files.write(file, garbage, StandardOpenOption.WRITE);
		Files.setLastModifiedTime(file, modified);
		return modified;
	}

	private List<Path> asideFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.filter((file) -> file.getFileName().toString().contains(".unreadable-")).toList();
		}
	}

	private List<String> warnings() {
		return this.logs.list.stream()
			.filter((event) -> event.getLevel() == Level.WARN)
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

	private static String permissions(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

}
