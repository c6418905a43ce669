package dev.desktopidentity.signin;

import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;

/**
 * Starts a program that opens a browser and waits a short while for it to exit.
 *
 * @see BrowserProcess
 */
@FunctionalInterface
interface ProcessStarter {

	/**
	 * Start the program and wait a short while for it to exit.
	 * @param command the program and its arguments, not parsed by a shell
	 * @return the exit status, or empty if the program was still running when the wait
	 * ended
	 * @throws IOException if the program could not be started
	 */
	OptionalInt start(List<String> command) throws IOException;

}
