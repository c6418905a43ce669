package dev.desktopidentity.benchmarks.startup.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

final class BenchmarkFiles {

	private BenchmarkFiles() {
	}

	static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> {
				try {
					Files.delete(path);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

	/**
	 * Return the files of a directory with their modification times, to tell whether a
	 * run has written any.
	 */
	static Map<Path, FileTime> snapshot(Path directory) throws IOException {
		Map<Path, FileTime> files = new TreeMap<>();
		if (Files.isDirectory(directory)) {
			try (Stream<Path> paths = Files.list(directory)) {
				for (Path path : paths.toList()) {
					files.put(path.getFileName(), Files.getLastModifiedTime(path));
				}
			}
		}
		return files;
	}

}
