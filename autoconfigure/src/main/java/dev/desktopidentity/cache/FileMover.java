package dev.desktopidentity.cache;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Moves a file: {@link Files#move} in the application, a double that refuses like Windows
 * does in tests.
 */
@FunctionalInterface
interface FileMover {

	FileMover SYSTEM = Files::move;

	/**
	 * Move or rename a file.
	 * @param source the file
	 * @param target where to
	 * @param options how
	 * @return the target
	 * @throws IOException if the file cannot be moved
	 */
	Path move(Path source, Path target, CopyOption... options) throws IOException;

}
