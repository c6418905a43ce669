package dev.desktopidentity.signin;

import java.util.OptionalInt;

import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.ptr.IntByReference;

/**
 * The Windows session of this process ({@code ProcessIdToSessionId}), through
 * jna-platform. Services, and the sessions of OpenSSH for Windows, run in session 0,
 * which has no desktop a user sees.
 */
final class WindowsSession {

	private WindowsSession() {
	}

	/**
	 * Return the session of this process.
	 * @return the session ID, or empty if it cannot be found (jna-platform missing)
	 */
	static OptionalInt current() {
		try {
			IntByReference session = new IntByReference();
			if (Kernel32.INSTANCE.ProcessIdToSessionId(Kernel32.INSTANCE.GetCurrentProcessId(), session)) {
				return OptionalInt.of(session.getValue());
			}
		}
		catch (LinkageError | RuntimeException ex) {
			// Not known; judged from the environment alone
		}
		return OptionalInt.empty();
	}

}
