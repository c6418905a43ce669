package dev.desktopidentity.signin;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * {@link BrowserLauncher} that opens the user's default browser with the platform's
 * opener, started as a process of its own rather than through {@code java.awt.Desktop},
 * which is unavailable in a headless JVM (Spring Boot's default):
 * <ul>
 * <li>Windows: {@code rundll32 url.dll,FileProtocolHandler}, started directly, not through
 * {@code cmd}, which would split the URL at its {@code &}s;</li>
 * <li>macOS: {@code /usr/bin/open};</li>
 * <li>Windows Subsystem for Linux: {@code wslview}, else {@code explorer.exe};</li>
 * <li>other Unix-like systems: the commands in {@code $BROWSER}, else the first of
 * {@code xdg-open}, {@code gio open}, {@code sensible-browser}, {@code x-www-browser},
 * {@code gnome-open} and {@code kde-open} found on the {@code PATH}.</li>
 * </ul>
 * The operating system name and the environment are inputs, so that the choice does not
 * depend on the machine that makes it.
 *
 * @since 0.1.0
 */
final class SystemBrowserLauncher implements BrowserLauncher {

	private static final List<List<String>> UNIX_OPENERS = List.of(List.of("xdg-open"), List.of("gio", "open"),
			List.of("sensible-browser"), List.of("x-www-browser"), List.of("gnome-open"), List.of("kde-open"));

	private static final String BROWSER_URL_PLACEHOLDER = "%s";

	// Absolute, as the PATH of an application started from the Dock or Finder is minimal
	private static final String MAC_OPEN = "/usr/bin/open";

	private final String osName;

	private final Map<String, String> environment;

	private final ProcessStarter starter;

	SystemBrowserLauncher(String osName, Map<String, String> environment, ProcessStarter starter) {
		Assert.notNull(osName, "'osName' must not be null");
		Assert.notNull(environment, "'environment' must not be null");
		Assert.notNull(starter, "'starter' must not be null");
		this.osName = osName.toLowerCase(Locale.ROOT);
		this.environment = environment;
		this.starter = starter;
	}

	/**
	 * Create a launcher for the platform the JVM runs on, with its environment.
	 * @return the launcher
	 */
	public static SystemBrowserLauncher forCurrentPlatform() {
		return new SystemBrowserLauncher(System.getProperty("os.name", ""), System.getenv(), BrowserProcess.INSTANCE);
	}

	@Override
	public void open(URI url) throws IOException {
		Assert.notNull(url, "'url' must not be null");
		String target = url.toASCIIString();
		if (this.osName.startsWith("windows")) {
			BrowserProcess.launch(this.starter, List.of(rundll32(), "url.dll,FileProtocolHandler", target));
		}
		else if (this.osName.startsWith("mac") || this.osName.startsWith("darwin")) {
			BrowserProcess.launch(this.starter, List.of(MAC_OPEN, target));
		}
		else {
			openOnUnix(target);
		}
	}

	@Override
	public boolean opensSystemBrowser() {
		return true;
	}

	private String rundll32() {
		String systemRoot = this.environment.get("SystemRoot");
		return StringUtils.hasText(systemRoot) ? systemRoot + "\\System32\\rundll32.exe" : "rundll32";
	}

	private void openOnUnix(String target) throws IOException {
		List<String> tried = new ArrayList<>();
		if (this.osName.startsWith("linux") && isWsl()) {
			tried.add("wslview");
			Path wslview = find("wslview");
			if (wslview != null) {
				BrowserProcess.launch(this.starter, List.of(wslview.toString(), target));
				return;
			}
			tried.add("explorer.exe");
			Path explorer = find("explorer.exe");
			if (explorer != null) {
				// explorer.exe exits with status 1 even when it has opened the browser
				this.starter.start(List.of(explorer.toString(), target));
				return;
			}
		}
		List<List<String>> candidates = new ArrayList<>(browserVariable());
		candidates.addAll(UNIX_OPENERS);
		for (List<String> candidate : candidates) {
			tried.add(candidate.get(0));
			Path program = find(candidate.get(0));
			if (program != null) {
				BrowserProcess.launch(this.starter, command(program, candidate, target));
				return;
			}
		}
		throw new IOException("No program to open a browser was found (tried " + String.join(", ", tried)
				+ "). Open the URL yourself.");
	}

	private boolean isWsl() {
		return StringUtils.hasText(this.environment.get("WSL_DISTRO_NAME"))
				|| StringUtils.hasText(this.environment.get("WSL_INTEROP"));
	}

	/**
	 * Return the commands listed in {@code $BROWSER}: separated by colons, each a program
	 * and its arguments separated by spaces, where {@code %s} stands for the URL.
	 */
	private List<List<String>> browserVariable() {
		String browser = this.environment.get("BROWSER");
		List<List<String>> commands = new ArrayList<>();
		if (browser != null) {
			for (String command : browser.split(":")) {
				List<String> arguments = Arrays.asList(StringUtils.tokenizeToStringArray(command, " \t"));
				if (!arguments.isEmpty()) {
					commands.add(arguments);
				}
			}
		}
		return commands;
	}

	private static List<String> command(Path program, List<String> candidate, String target) {
		List<String> command = new ArrayList<>();
		command.add(program.toString());
		boolean substituted = false;
		for (String argument : candidate.subList(1, candidate.size())) {
			substituted |= argument.contains(BROWSER_URL_PLACEHOLDER);
			command.add(argument.replace(BROWSER_URL_PLACEHOLDER, target));
		}
		if (!substituted) {
			command.add(target);
		}
		return command;
	}

	/**
	 * Find the given program: a path if it contains a slash, else the first executable
	 * file of that name in an absolute directory of the {@code PATH} (an empty or relative
	 * entry would make the choice depend on the current directory).
	 */
	private @Nullable Path find(String program) {
		if (program.contains("/")) {
			return executableFile(Path.of(program));
		}
		String path = this.environment.get("PATH");
		if (path == null) {
			return null;
		}
		for (String directory : path.split(":")) {
			if (directory.startsWith("/")) {
				Path found = executableFile(Path.of(directory, program));
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	private static @Nullable Path executableFile(Path path) {
		return (Files.isRegularFile(path) && Files.isExecutable(path)) ? path : null;
	}

}
