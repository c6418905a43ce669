package dev.desktopidentity.signin;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Whether a browser can be opened where the application runs, judged from the operating
 * system and the environment, which are inputs so that the judgement does not depend on
 * the machine that makes it:
 * <ul>
 * <li>Windows and macOS: yes;</li>
 * <li>Windows Subsystem for Linux: yes, through the Windows browser;</li>
 * <li>other Unix-like systems: when there is a graphical session ({@code DISPLAY} or
 * {@code WAYLAND_DISPLAY}), or {@code BROWSER} names a browser; an SSH session without
 * a forwarded display cannot show one.</li>
 * </ul>
 *
 * @param canOpen whether a browser can be opened
 * @param reason why not, when it cannot
 * @since 0.1.0
 */
public record BrowserEnvironment(boolean canOpen, @Nullable String reason) {

	/**
	 * Judge the environment of the running JVM.
	 * @return the judgement
	 */
	public static BrowserEnvironment current() {
		return of(System.getProperty("os.name", ""), System.getenv());
	}

	/**
	 * Judge the given environment.
	 * @param osName the operating system name, as the {@code os.name} system property
	 * @param environment the environment variables
	 * @return the judgement
	 */
	public static BrowserEnvironment of(String osName, Map<String, String> environment) {
		Assert.notNull(osName, "'osName' must not be null");
		Assert.notNull(environment, "'environment' must not be null");
		String os = osName.toLowerCase(Locale.ROOT);
		if (os.startsWith("windows") || os.startsWith("mac")) {
			return new BrowserEnvironment(true, null);
		}
		if (has(environment, "WSL_DISTRO_NAME") || has(environment, "WSL_INTEROP")) {
			return new BrowserEnvironment(true, null);
		}
		if (has(environment, "DISPLAY") || has(environment, "WAYLAND_DISPLAY") || has(environment, "BROWSER")) {
			return new BrowserEnvironment(true, null);
		}
		if (has(environment, "SSH_CONNECTION") || has(environment, "SSH_CLIENT") || has(environment, "SSH_TTY")) {
			return new BrowserEnvironment(false, "SSH session without a forwarded display");
		}
		return new BrowserEnvironment(false, "no graphical session: neither DISPLAY nor WAYLAND_DISPLAY is set");
	}

	private static boolean has(Map<String, String> environment, String name) {
		return StringUtils.hasText(environment.get(name));
	}

}
