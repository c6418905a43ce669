package dev.desktopidentity.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.CopyOption;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserPrincipal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CacheFiles}: atomic replacement and moving aside while another
 * process has the file open, with Windows' refusals simulated by a {@link FileMover}
 * that refuses the first moves, and owner-only ACLs on an in-memory file system that has
 * ACLs and no POSIX permissions, like Windows.
 */
class CacheFilesTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T15:01:02.123Z"), ZoneOffset.UTC);

	@TempDir
	Path directory;

	private final List<Duration> pauses = new ArrayList<>();

	private final SharingRetry retry = new SharingRetry(SharingRetry.WINDOWS_PAUSES, this.pauses::add);

	@Test
	void writeAtomicallyWhenAnotherProcessHoldsTheFileThenRetriesUntilItIsReleased() throws IOException {
		Path file = Files.writeString(this.directory.resolve("msal-cache.json"), "old");
		RefusingMover mover = new RefusingMover(3, () -> new AccessDeniedException("msal-cache.json"));
		CacheFiles.writeAtomically(file, bytes("new"), mover, this.retry);
		assertThat(Files.readString(file)).isEqualTo("new");
		assertThat(mover.attempts).isEqualTo(4);
		assertThat(this.pauses).containsExactly(Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10));
		assertThat(temporaryFiles()).isEmpty();
	}

	@Test
	void writeAtomicallyWhenTheFileStaysInUseThenFailsKeepingTheOldContentAndNoTemporaryFile() throws IOException {
		Path file = Files.writeString(this.directory.resolve("msal-cache.json"), "old");
		RefusingMover mover = new RefusingMover(Integer.MAX_VALUE, () -> new FileSystemException("msal-cache.json",
				null, "The process cannot access the file because it is being used by another process"));
		assertThatExceptionOfType(FileSystemException.class)
			.isThrownBy(() -> CacheFiles.writeAtomically(file, bytes("new"), mover, this.retry))
			.withMessageContaining("being used by another process");
		assertThat(Files.readString(file)).isEqualTo("old");
		assertThat(mover.attempts).isEqualTo(SharingRetry.WINDOWS_PAUSES.size() + 1);
		assertThat(this.pauses).isEqualTo(SharingRetry.WINDOWS_PAUSES);
		assertThat(this.pauses.stream().mapToLong(Duration::toMillis).sum()).isBetween(1_500L, 3_000L);
		assertThat(temporaryFiles()).isEmpty();
	}

	@Test
	void writeAtomicallyWhenMoveFailsForAnotherReasonThenFailsAtOnce() throws IOException {
		Path file = this.directory.resolve("msal-cache.json");
		RefusingMover mover = new RefusingMover(1, () -> new NoSuchFileException("msal-cache.json"));
		assertThatExceptionOfType(NoSuchFileException.class)
			.isThrownBy(() -> CacheFiles.writeAtomically(file, bytes("new"), mover, this.retry));
		assertThat(mover.attempts).isEqualTo(1);
		assertThat(this.pauses).isEmpty();
	}

	@Test
	void writeAtomicallyWhenOldFileIsNotOlderThenNewFileIsStillLater() throws IOException {
		// A clock that did not move on between two writes (coarse file times), or moved back
		Path file = Files.writeString(this.directory.resolve("msal-cache.json"), "old");
		FileTime future = FileTime.from(Instant.now().plusSeconds(3600));
		Files.setLastModifiedTime(file, future);
		CacheFiles.writeAtomically(file, bytes("new"));
		assertThat(Files.getLastModifiedTime(file)).isGreaterThan(future);
		assertThat(Files.readString(file)).isEqualTo("new");
	}

	@Test
	void moveAsideWhenAnotherProcessHoldsTheFileThenRetries() throws IOException {
		Path file = Files.writeString(this.directory.resolve("msal-cache.bin"), "damaged");
		RefusingMover mover = new RefusingMover(2, () -> new AccessDeniedException("msal-cache.bin"));
		Path aside = CacheFiles.moveAside(file, CLOCK, mover, this.retry);
		assertThat(aside.getFileName()).hasToString("msal-cache.bin.unreadable-20261125T150102.123Z");
		assertThat(Files.readString(aside)).isEqualTo("damaged");
		assertThat(file).doesNotExist();
		assertThat(this.pauses).hasSize(2);
	}

	@Test
	void moveAsideWhenTheFileStaysInUseThenFailsAndTheFileStays() throws IOException {
		Path file = Files.writeString(this.directory.resolve("msal-cache.bin"), "damaged");
		RefusingMover mover = new RefusingMover(Integer.MAX_VALUE, () -> new AccessDeniedException("msal-cache.bin"));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> CacheFiles.moveAside(file, CLOCK, mover, this.retry));
		assertThat(Files.readString(file)).isEqualTo("damaged");
	}

	@Test
	void sharingRetryWhenNotOnWindowsThenNeverRetries() {
		assertThat(SharingRetry.forPath(this.directory)).isSameAs(SharingRetry.NONE);
	}

	@Test
	void isSharingViolationWhenAccessDeniedOrPlainFileSystemErrorThenTrue() {
		assertThat(SharingRetry.isSharingViolation(new AccessDeniedException("f"))).isTrue();
		assertThat(SharingRetry.isSharingViolation(new FileSystemException("f", null, "used by another process")))
			.isTrue();
		assertThat(SharingRetry.isSharingViolation(new NoSuchFileException("f"))).isFalse();
		assertThat(SharingRetry.isSharingViolation(new java.nio.file.FileAlreadyExistsException("f"))).isFalse();
		assertThat(SharingRetry.isSharingViolation(new IOException("disk full"))).isFalse();
	}

	@Test
	void writeAtomicallyWhenAclFileSystemThenCreatedDirectoriesAndFileAllowTheOwnerAlone() throws IOException {
		try (FileSystem windows = windowsLikeFileSystem()) {
			Path cache = windows.getPath("C:\\Users\\alice\\AppData\\Local\\desktop-identity\\client");
			Files.createDirectories(cache.getParent().getParent());
			CacheFiles.writeAtomically(cache.resolve("msal-cache.json"), bytes("{}"));
			UserPrincipal owner = Files.getOwner(cache);
			assertThat(acl(cache)).containsExactly(ownerOnly(owner, true));
			assertThat(acl(cache.getParent())).containsExactly(ownerOnly(owner, true));
			assertThat(acl(cache.getParent().getParent())).isEmpty();
			assertThat(acl(cache.resolve("msal-cache.json"))).containsExactly(ownerOnly(owner, false));
			assertThat(Files.readString(cache.resolve("msal-cache.json"))).isEqualTo("{}");
			try (Stream<Path> files = Files.list(cache)) {
				assertThat(files).extracting((path) -> path.getFileName().toString()).containsExactly("msal-cache.json");
			}
		}
	}

	@Test
	void writeAtomicallyWhenAclFileSystemAndDirectoryExistsThenKeepsItsAclAndRestrictsTheFile() throws IOException {
		try (FileSystem windows = windowsLikeFileSystem()) {
			Path cache = Files.createDirectories(windows.getPath("C:\\ProgramData\\app\\cache"));
			UserPrincipal installer = windows.getUserPrincipalLookupService().lookupPrincipalByName("installer");
			AclEntry installerEntry = AclEntry.newBuilder()
				.setType(AclEntryType.ALLOW)
				.setPrincipal(installer)
				.setPermissions(AclEntryPermission.READ_DATA)
				.build();
			Files.getFileAttributeView(cache, AclFileAttributeView.class).setAcl(List.of(installerEntry));
			CacheFiles.writeAtomically(cache.resolve("msal-cache.json"), bytes("{}"));
			assertThat(acl(cache)).containsExactly(installerEntry);
			assertThat(acl(cache.resolve("msal-cache.json")))
				.containsExactly(ownerOnly(Files.getOwner(cache.resolve("msal-cache.json")), false));
		}
	}

	private static FileSystem windowsLikeFileSystem() {
		return Jimfs.newFileSystem(
				Configuration.windows().toBuilder().setAttributeViews("basic", "owner", "dos", "acl").build());
	}

	private static AclEntry ownerOnly(UserPrincipal owner, boolean inherited) {
		return AclEntry.newBuilder()
			.setType(AclEntryType.ALLOW)
			.setPrincipal(owner)
			.setPermissions(EnumSet.allOf(AclEntryPermission.class))
			.setFlags(inherited ? EnumSet.of(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT)
					: EnumSet.noneOf(AclEntryFlag.class))
			.build();
	}

	private static List<AclEntry> acl(Path path) throws IOException {
		return Files.getFileAttributeView(path, AclFileAttributeView.class).getAcl();
	}

	private List<Path> temporaryFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".tmp")).toList();
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Refuses the first moves the way Windows refuses to replace or rename a file that
	 * another process has open, then moves.
	 */
	private static final class RefusingMover implements FileMover {

		private final int refusals;

		private final java.util.function.Supplier<IOException> refusal;

		private int attempts;

		RefusingMover(int refusals, java.util.function.Supplier<IOException> refusal) {
			this.refusals = refusals;
			this.refusal = refusal;
		}

		@Override
		public Path move(Path source, Path target, CopyOption... options) throws IOException {
			this.attempts++;
			if (this.attempts <= this.refusals) {
				throw this.refusal.get();
			}
			return Files.move(source, target, options);
		}

	}

}
