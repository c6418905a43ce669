package dev.desktopidentity.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a cheap {@code stat} says about a cache file: enough to tell that another process
 * has replaced it. Every write replaces the file, so its identity (inode) changes too.
 *
 * @param exists whether the file exists
 * @param size the size in bytes
 * @param lastModifiedNanos the modification time
 * @param fileKey the file's identity, where the file system has one
 */
record FileState(boolean exists, long size, long lastModifiedNanos, @Nullable Object fileKey) {

	static final FileState MISSING = new FileState(false, 0, 0, null);

	static FileState of(Path file) throws IOException {
		try {
			// the link itself, if it is one: a link is a damaged cache, also when it leads nowhere
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			long modified = attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
			return new FileState(true, attributes.size(), modified, attributes.fileKey());
		}
		catch (NoSuchFileException ex) {
			return MISSING;
		}
	}

	// Written out: a record's generated equals and hashCode are linked on first use through
	// an invokedynamic bootstrap that costs several milliseconds of each run's start-up

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof FileState that && this.exists == that.exists
				&& this.size == that.size && this.lastModifiedNanos == that.lastModifiedNanos
				&& Objects.equals(this.fileKey, that.fileKey));
	}

	@Override
	public int hashCode() {
		int result = Boolean.hashCode(this.exists);
		result = 31 * result + Long.hashCode(this.size);
		result = 31 * result + Long.hashCode(this.lastModifiedNanos);
		return 31 * result + Objects.hashCode(this.fileKey);
	}

}
