package dev.desktopidentity.cache;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Makes the token cache's directories and files readable by the user alone, in the way
 * the file system of a path supports:
 * <ul>
 * <li>POSIX permissions (Linux, macOS): directories {@code 0700}, files {@code 0600},
 * given when they are created; an existing cache directory is made {@code 0700} too;</li>
 * <li>an ACL (Windows, where POSIX permissions do not exist): one entry that allows the
 * user everything (the account the process runs as, see {@link WindowsUser}; the owner
 * where that is unknown) and nobody else anything, inherited by what is created inside the
 * directories that this class creates, and set on each file before anything is written to
 * it. A directory that already existed keeps its ACL, since its owner may be another
 * account (an installer's, an administrator's) whose ACL lets this user in;</li>
 * <li>neither: nothing is changed.</li>
 * </ul>
 */
final class PrivateAccess {

	private static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");

	private PrivateAccess() {
	}

	/**
	 * Create the directory and its missing parents, readable only by the user.
	 * @param directory the directory
	 * @throws IOException if it cannot be created or made private
	 */
	static void createDirectory(Path directory) throws IOException {
		if (hasPosix(directory)) {
			if (Files.isDirectory(directory)) {
				Files.setPosixFilePermissions(directory, DIRECTORY_PERMISSIONS);
			}
			else {
				Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_PERMISSIONS));
			}
			return;
		}
		List<Path> missing = missingDirectories(directory);
		Files.createDirectories(directory);
		if (hasAcl(directory)) {
			for (Path created : missing) {
				restrictToUser(created, true);
			}
		}
	}

	/**
	 * Return the attributes that make a new file private where they can be given at
	 * creation (POSIX); none elsewhere, where {@link #restrictFile(Path)} does it.
	 * @param file the file to create
	 * @return the attributes
	 */
	static FileAttribute<?>[] fileAttributes(Path file) {
		return hasPosix(file) ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS) }
				: new FileAttribute<?>[0];
	}

	/**
	 * Make a file that was just created private where its attributes could not do so:
	 * on an ACL file system, replace its ACL with one that allows the user alone.
	 * @param file the file
	 * @throws IOException if its ACL cannot be set
	 */
	static void restrictFile(Path file) throws IOException {
		if (!hasPosix(file) && hasAcl(file)) {
			restrictToUser(file, false);
		}
	}

	private static void restrictToUser(Path path, boolean directory) throws IOException {
		AclFileAttributeView view = Files.getFileAttributeView(path, AclFileAttributeView.class);
		Set<AclEntryFlag> flags = directory ? EnumSet.of(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT)
				: EnumSet.noneOf(AclEntryFlag.class);
		view.setAcl(List.of(AclEntry.newBuilder()
			.setType(AclEntryType.ALLOW)
			.setPrincipal(user(path, view))
			.setPermissions(EnumSet.allOf(AclEntryPermission.class))
			.setFlags(flags)
			.build()));
	}

	/**
	 * Return the user to allow: on Windows the account the process runs as, which is
	 * the owner of what it creates unless an administrator's files belong to the
	 * Administrators group; elsewhere, and if that account cannot be found, the owner.
	 */
	static UserPrincipal user(Path path, AclFileAttributeView view) throws IOException {
		UserPrincipal user = null;
		if (path.getFileSystem() == FileSystems.getDefault()) {
			try {
				user = WindowsUser.current();
			}
			catch (LinkageError ex) {
				// jna-platform is not there: the owner it is
			}
		}
		return (user != null) ? user : view.getOwner();
	}

	private static List<Path> missingDirectories(Path directory) {
		List<Path> missing = new ArrayList<>();
		for (@Nullable Path path = directory.toAbsolutePath(); path != null && !Files.isDirectory(path); path = path
			.getParent()) {
			missing.add(0, path);
		}
		return missing;
	}

	private static boolean hasPosix(Path path) {
		return path.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

	private static boolean hasAcl(Path path) {
		return path.getFileSystem().supportedFileAttributeViews().contains("acl");
	}

}
