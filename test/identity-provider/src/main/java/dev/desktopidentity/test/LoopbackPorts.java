package dev.desktopidentity.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for tests that fix the port of a redirect URI
 * ({@code identity.interactive.redirect-uri=http://127.0.0.1:<port>}), for example to
 * check that the port is released after sign-in.
 * <p>
 * A port the operating system hands out for {@code new ServerSocket(0)} comes from its
 * ephemeral range, from which it also takes the local ports of outgoing connections: one
 * of those can take the port between the test picking it and the application binding it.
 * The ports here are picked below that range (Linux starts it at 32768, Windows and macOS at
 * 49152), and checked to be free on 127.0.0.1.
 *
 * @since 0.1.0
 */
public final class LoopbackPorts {

	private static final int LOWEST = 20000;

	private static final int HIGHEST = 32000;

	private LoopbackPorts() {
	}

	/**
	 * Return a port that is free on 127.0.0.1 now and outside the ephemeral range.
	 * @return the port
	 * @throws IllegalStateException if no free port was found
	 */
	public static int freePort() {
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
			if (isFree(port)) {
				return port;
			}
		}
		throw new IllegalStateException("No free loopback port between " + LOWEST + " and " + HIGHEST);
	}

	/**
	 * Return whether a port is free on 127.0.0.1: nothing listens there.
	 * @param port the port
	 * @return whether a server socket can be bound to it
	 */
	public static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
