package dev.desktopidentity.signin;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Whether a browser can be opened where the application runs, judged from the operating
 * system and the environment, which are inputs so that the judgement does not depend on
 * the machine that makes it:
 * <ul>
 * <li>Windows: yes, unless the process runs in session 0, where services run and no user
 * sees a desktop, or in an SSH session (OpenSSH for Windows runs its sessions there
 * too);</li>
 * <li>macOS: yes, unless in an SSH session, where the browser would open on the Mac's
 * screen, if anyone is signed in at it, rather than in front of the user;</li>
 * <li>Windows Subsystem for Linux: yes, through the Windows browser;</li>
 * <li>other Unix-like systems: when there is a graphical session ({@code DISPLAY} or
 * {@code WAYLAND_DISPLAY}), or {@code BROWSER} names a browser; an SSH session without
 * a forwarded display cannot show one.</li>
 * </ul>
 * An SSH session is one with {@code SSH_CONNECTION}, {@code SSH_CLIENT} or
 * {@code SSH_TTY} set, as OpenSSH sets them on every platform.
 *
 * @param canOpen whether a browser can be opened
 * @param reason why not, when it cannot
 * @since 0.1.0
 */
public record BrowserEnvironment(boolean canOpen, @Nullable String reason) {

	private static final BrowserEnvironment CAN_OPEN = new BrowserEnvironment(true, null);

	/**
	 * Judge the environment of the running JVM.
	 * @return the judgement
	 */
	public static BrowserEnvironment current() {
		String osName = System.getProperty("os.name", "");
		return of(osName, System.getenv(), isWindows(osName) ? windowsSession() : OptionalInt.empty());
	}

	/**
	 * Judge the given environment.
	 * @param osName the operating system name, as the {@code os.name} system property
	 * @param environment the environment variables
	 * @return the judgement
	 */
	public static BrowserEnvironment of(String osName, Map<String, String> environment) {
		return of(osName, environment, OptionalInt.empty());
	}

	/**
	 * Judge the given environment.
	 * @param osName the operating system name, as the {@code os.name} system property
	 * @param environment the environment variables
	 * @param windowsSession the Windows session the process runs in, if known
	 * @return the judgement
	 */
	static BrowserEnvironment of(String osName, Map<String, String> environment, OptionalInt windowsSession) {
		Assert.notNull(osName, "'osName' must not be null");
		Assert.notNull(environment, "'environment' must not be null");
		Assert.notNull(windowsSession, "'windowsSession' must not be null");
		String os = osName.toLowerCase(Locale.ROOT);
		if (isWindows(osName)) {
			if (isSsh(environment)) {
				return new BrowserEnvironment(false, "SSH session: a browser would open on the Windows machine, "
						+ "not in front of you");
			}
			if (windowsSession.isPresent() && windowsSession.getAsInt() == 0) {
				return new BrowserEnvironment(false, "Windows session 0, where services run, has no desktop");
			}
			return CAN_OPEN;
		}
		if (os.startsWith("mac") || os.startsWith("darwin")) {
			return isSsh(environment) ? new BrowserEnvironment(false,
					"SSH session: a browser would open on the Mac's screen, not in front of you") : CAN_OPEN;
		}
		if (has(environment, "WSL_DISTRO_NAME") || has(environment, "WSL_INTEROP")) {
			return CAN_OPEN;
		}
		if (has(environment, "DISPLAY") || has(environment, "WAYLAND_DISPLAY") || has(environment, "BROWSER")) {
			return CAN_OPEN;
		}
		if (isSsh(environment)) {
			return new BrowserEnvironment(false, "SSH session without a forwarded display");
		}
		return new BrowserEnvironment(false, "no graphical session: neither DISPLAY nor WAYLAND_DISPLAY is set");
	}

	private static OptionalInt windowsSession() {
		try {
			return WindowsSession.current();
		}
		catch (LinkageError ex) {
			// jna-platform is not there: judged from the environment alone
			return OptionalInt.empty();
		}
	}

	private static boolean isWindows(String osName) {
		return osName.toLowerCase(Locale.ROOT).startsWith("windows");
	}

	private static boolean isSsh(Map<String, String> environment) {
		return has(environment, "SSH_CONNECTION") || has(environment, "SSH_CLIENT") || has(environment, "SSH_TTY");
	}

	private static boolean has(Map<String, String> environment, String name) {
		return StringUtils.hasText(environment.get(name));
	}

}
