package dev.desktopidentity.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.microsoft.aad.msal4j.TokenCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PersistentTokenCache} shared by real processes.
 */
class CrossProcessTokenCacheTests {

	private static final int PROCESSES = 4;

	private static final int WRITES = 250;

	@TempDir
	Path directory;

	@Test
	void writeWhenFourProcessesWriteAtOnceAndOneIsKilledThenFileAlwaysParsesAndNoSurvivorWriteIsLost()
			throws Exception {
		Path file = this.directory.resolve(PersistentTokenCache.PLAIN_FILE);
		AtomicBoolean writing = new AtomicBoolean(true);
		AtomicInteger parsed = new AtomicInteger();
		AtomicReference<Throwable> parseFailure = new AtomicReference<>();
		Thread reader = new Thread(() -> {
			while (writing.get() && parseFailure.get() == null) {
				try {
					if (Files.exists(file)) {
						new TokenCache().deserialize(Files.readString(file, StandardCharsets.UTF_8));
						parsed.incrementAndGet();
					}
					// Windows does not replace a file while it is open: let the writers in
					Thread.sleep(1);
				}
				catch (java.nio.file.NoSuchFileException ex) {
					// Between two processes' first writes
				}
				catch (Throwable ex) {
					parseFailure.set(ex);
				}
			}
		});
		List<ChildJvm> writers = new ArrayList<>();
		try {
			for (int i = 0; i < PROCESSES; i++) {
				writers.add(writer("write", "p" + i, String.valueOf(WRITES)));
			}
			reader.start();
			ChildJvm victim = writers.get(PROCESSES - 1);
			victim.awaitLine((line) -> line.equals("wrote 60"), Duration.ofSeconds(60));
			victim.kill();
			assertThat(victim.lines()).doesNotContain("done");
			for (ChildJvm writer : writers.subList(0, PROCESSES - 1)) {
				assertThat(writer.awaitExit(Duration.ofSeconds(150))).as(writer.output()).isZero();
				assertThat(writer.lines()).contains("done");
			}
			writing.set(false);
			reader.join();
			assertThat(parseFailure.get()).isNull();
			assertThat(parsed.get()).isPositive();
			String cache = TestCaches.read(TestCaches.plain(this.directory));
			for (int process = 0; process < PROCESSES - 1; process++) {
				for (int i = 0; i < WRITES; i++) {
					assertThat(cache).contains("\"username\":\"p" + process + "-" + i + "@example.test\"");
				}
			}
			for (String line : victim.lines()) {
				if (line.startsWith("wrote ")) {
					assertThat(cache).contains("\"username\":\"p3-" + line.substring(6) + "@example.test\"");
				}
			}
		}
		finally {
			writing.set(false);
			for (ChildJvm writer : writers) {
				writer.close();
			}
		}
	}

	@Test
	void lockWhenHolderWasKilledThenNextAccessProceedsAtOnce() throws Exception {
		try (ChildJvm holder = writer("hold-lock")) {
			holder.awaitLine("locked"::equals, Duration.ofSeconds(30));
			assertThat(Files.readString(this.directory.resolve(PersistentTokenCache.LOCK_FILE)))
				.contains("pid=" + holder.pid());
			holder.kill();
		}
		Duration bound = Duration.ofSeconds(20);
		PersistentTokenCache cache = new PersistentTokenCache(this.directory, CacheProtection.NONE, false,
				new CacheKeySource(new TestCaches.InMemorySecretStore(), Duration.ofSeconds(1)), bound,
				Clock.systemUTC());
		long start = System.nanoTime();
		TestCaches.addAccount(cache, new TokenCache(), "alice");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(bound.dividedBy(2));
		assertThat(TestCaches.read(TestCaches.plain(this.directory))).contains("alice");
	}

	@Test
	void lockWhenLiveHolderKeepsItLongerThanBoundThenProceedsWithOneWarning() throws Exception {
		ListAppender<ILoggingEvent> logs = new ListAppender<>();
		logs.start();
		Logger logger = (Logger) LoggerFactory.getLogger(CacheLock.class);
		logger.addAppender(logs);
		try (ChildJvm holder = writer("hold-lock")) {
			holder.awaitLine("locked"::equals, Duration.ofSeconds(30));
			PersistentTokenCache cache = new PersistentTokenCache(this.directory, CacheProtection.NONE, false,
					new CacheKeySource(new TestCaches.InMemorySecretStore(), Duration.ofSeconds(1)),
					Duration.ofMillis(500), Clock.systemUTC());
			TestCaches.addAccount(cache, new TokenCache(), "alice");
			assertThat(logs.list).filteredOn((event) -> event.getLevel() == Level.WARN)
				.extracting(ILoggingEvent::getFormattedMessage)
				.anySatisfy((message) -> assertThat(message).contains("pid=" + holder.pid()));
		}
		finally {
			logger.detachAppender(logs);
		}
		assertThat(TestCaches.read(TestCaches.plain(this.directory))).contains("alice");
	}

	private ChildJvm writer(String... arguments) throws IOException {
		List<String> all = new ArrayList<>(List.of(this.directory.toString(), "none"));
		all.addAll(List.of(arguments));
		return ChildJvm.start(CacheWriterProcess.class, all.toArray(String[]::new));
	}

}
