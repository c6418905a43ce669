package dev.desktopidentity.signin;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * {@link BrowserLauncher} that runs a configured command
 * ({@code identity.interactive.browser-command}): a program and its arguments, started as
 * a process of its own, never parsed by a shell. Every {@value #URL_PLACEHOLDER} in an
 * argument is replaced by the URL; without any, the URL is added as the last argument.
 * <pre class="code">
 * new CommandBrowserLauncher(List.of("firefox", "--private-window", "{url}"));
 * </pre>
 *
 * @since 0.1.0
 */
final class CommandBrowserLauncher implements BrowserLauncher {

	/**
	 * The placeholder for the URL in the command's arguments.
	 */
	public static final String URL_PLACEHOLDER = "{url}";

	private final List<String> command;

	private final ProcessStarter starter;

	/**
	 * Create a new launcher.
	 * @param command the program and its arguments
	 * @throws IllegalArgumentException if the command is empty
	 */
	public CommandBrowserLauncher(List<String> command) {
		this(command, BrowserProcess.INSTANCE);
	}

	CommandBrowserLauncher(List<String> command, ProcessStarter starter) {
		Assert.notEmpty(command, "'command' must not be empty");
		Assert.noNullElements(command, "'command' must not contain null elements");
		Assert.isTrue(StringUtils.hasText(command.get(0)) && !command.get(0).contains(URL_PLACEHOLDER),
				"'command' must start with a program");
		Assert.notNull(starter, "'starter' must not be null");
		this.command = List.copyOf(command);
		this.starter = starter;
	}

	@Override
	public void open(URI url) throws IOException {
		Assert.notNull(url, "'url' must not be null");
		BrowserProcess.launch(this.starter, command(url.toASCIIString()));
	}

	private List<String> command(String url) {
		List<String> command = new ArrayList<>(this.command.size() + 1);
		boolean substituted = false;
		for (String argument : this.command) {
			substituted |= argument.contains(URL_PLACEHOLDER);
			command.add(argument.replace(URL_PLACEHOLDER, url));
		}
		if (!substituted) {
			command.add(url);
		}
		return command;
	}

}
