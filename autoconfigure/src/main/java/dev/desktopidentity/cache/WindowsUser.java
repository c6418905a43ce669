package dev.desktopidentity.cache;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.attribute.UserPrincipal;

import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT;
import org.jspecify.annotations.Nullable;

/**
 * The Windows account this process runs as, from its access token (through
 * jna-platform), as a principal of the default file system. A file's owner is not always
 * that account: on Windows Server, files that an elevated administrator creates belong to
 * the Administrators group.
 */
final class WindowsUser {

	private static volatile @Nullable UserPrincipal current;

	private WindowsUser() {
	}

	/**
	 * Return the account of this process.
	 * @return the account, or {@code null} if it cannot be found
	 */
	static @Nullable UserPrincipal current() {
		UserPrincipal user = current;
		if (user == null) {
			user = lookup();
			current = user;
		}
		return user;
	}

	private static @Nullable UserPrincipal lookup() {
		try {
			WinNT.HANDLEByReference token = new WinNT.HANDLEByReference();
			if (!Advapi32.INSTANCE.OpenProcessToken(Kernel32.INSTANCE.GetCurrentProcess(), WinNT.TOKEN_QUERY, token)) {
				return null;
			}
			try {
				String account = Advapi32Util.getTokenAccount(token.getValue()).fqn;
				return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(account);
			}
			finally {
				Kernel32.INSTANCE.CloseHandle(token.getValue());
			}
		}
		catch (IOException | LinkageError | RuntimeException ex) {
			return null;
		}
	}

}
