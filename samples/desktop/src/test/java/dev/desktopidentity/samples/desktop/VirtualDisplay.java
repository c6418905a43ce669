package dev.desktopidentity.samples.desktop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * An X display of its own for a test: an Xvfb server on a display number that the server
 * picks itself ({@code -displayfd}), with {@code xdotool} to find windows and type, and a
 * screenshot taken by {@link ScreenCapture} in a JVM of its own.
 */
public final class VirtualDisplay implements AutoCloseable {

	private static final Path XVFB = Path.of("/usr/bin/Xvfb");

	private static final Path XDOTOOL = Path.of("/usr/bin/xdotool");

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

	private final Process server;

	private final String name;

	private VirtualDisplay(Process server, String name) {
		this.server = server;
		this.name = name;
	}

	/**
	 * Start an Xvfb server, 1024x768 with 24-bit colour, listening on a local socket only.
	 * @param log where the server's messages go
	 * @return the display, once the server accepts connections
	 */
	public static VirtualDisplay start(Path log) {
		if (!Files.isExecutable(XVFB) || !Files.isExecutable(XDOTOOL)) {
			throw new IllegalStateException("Xvfb and xdotool are needed (apt-get install xvfb xdotool)");
		}
		try {
			Process server = new ProcessBuilder(XVFB.toString(), "-displayfd", "1", "-screen", "0", "1024x768x24",
					"-nolisten", "tcp")
				.redirectError(log.toFile())
				.start();
			try {
				// Xvfb writes the display number once it is ready for clients.
				BufferedReader out = new BufferedReader(
						new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII));
				String number = CompletableFuture.supplyAsync(() -> readLine(out)).get(20, TimeUnit.SECONDS);
				if (number == null || !number.strip().matches("\\d+")) {
					throw new IllegalStateException("Xvfb did not start: " + Files.readString(log));
				}
				return new VirtualDisplay(server, ":" + number.strip());
			}
			catch (InterruptedException | ExecutionException | TimeoutException | RuntimeException ex) {
				server.destroyForcibly();
				throw new IllegalStateException("Xvfb did not start", ex);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String readLine(BufferedReader reader) {
		try {
			return reader.readLine();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the display name, such as {@code :1}, for {@code DISPLAY}.
	 * @return the display name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Wait until a visible window with exactly the given title is shown.
	 * @param title the title
	 * @return the window
	 */
	public Window awaitWindow(String title) {
		String id = xdotool("search", "--sync", "--onlyvisible", "--name", "^" + title + "$").lines()
			.findFirst()
			.orElseThrow();
		Map<String, String> geometry = xdotool("getwindowgeometry", "--shell", id).lines()
			.map((line) -> line.split("=", 2))
			.collect(Collectors.toMap((pair) -> pair[0], (pair) -> pair[1]));
		return new Window(id, Integer.parseInt(geometry.get("X")), Integer.parseInt(geometry.get("Y")),
				Integer.parseInt(geometry.get("WIDTH")), Integer.parseInt(geometry.get("HEIGHT")));
	}

	/**
	 * Click in a window, with the real pointer, at a point relative to its top left corner.
	 * @param window the window
	 * @param x the horizontal offset
	 * @param y the vertical offset
	 */
	public void click(Window window, int x, int y) {
		xdotool("mousemove", "--window", window.id(), String.valueOf(x), String.valueOf(y), "click", "1");
	}

	/**
	 * Press keys on the real keyboard, such as {@code alt+i}; they go to the window that
	 * has the focus.
	 * @param keys the keys, as xdotool names them
	 */
	public void key(String keys) {
		xdotool("key", keys);
	}

	/**
	 * Save what the screen shows as a PNG image.
	 * @param file the image file
	 */
	public void screenshot(Path file) {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		run(List.of(java.toString(), "-Djava.awt.headless=false", "-cp", System.getProperty("java.class.path"),
				ScreenCapture.class.getName(), file.toAbsolutePath().toString()));
	}

	private String xdotool(String... arguments) {
		List<String> command = new ArrayList<>(List.of(XDOTOOL.toString()));
		command.addAll(List.of(arguments));
		return run(command);
	}

	private String run(List<String> command) {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("DISPLAY", this.name);
		try {
			Process process = builder.start();
			CompletableFuture<String> output = CompletableFuture
				.supplyAsync(() -> readAll(process));
			if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("Timed out: " + command);
			}
			String text = output.get(5, TimeUnit.SECONDS);
			if (process.exitValue() != 0) {
				throw new IllegalStateException("Failed (" + process.exitValue() + "): " + command + "\n" + text);
			}
			return text;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted: " + command, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("No output: " + command, ex);
		}
	}

	private static String readAll(Process process) {
		try {
			return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.server.destroy();
		try {
			if (!this.server.waitFor(10, TimeUnit.SECONDS)) {
				this.server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.server.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A top-level window and where it is on the screen.
	 *
	 * @param id the X window ID
	 * @param x the left edge
	 * @param y the top edge
	 * @param width the width
	 * @param height the height
	 */
	public record Window(String id, int x, int y, int width, int height) {

	}

}
