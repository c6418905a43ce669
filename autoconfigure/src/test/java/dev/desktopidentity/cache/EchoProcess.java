package dev.desktopidentity.cache;

import java.nio.charset.StandardCharsets;

/**
 * Main class of a child JVM for {@link CommandRunnerTests}: writes its standard input to
 * standard output and {@code error} to standard error, then exits with the status given as
 * its argument; with {@code hang}, never exits.
 */
final class EchoProcess {

	private EchoProcess() {
	}

	public static void main(String[] args) throws Exception {
		if ("hang".equals(args[0])) {
			Thread.sleep(Long.MAX_VALUE);
		}
		byte[] input = System.in.readAllBytes();
		System.out.write(input);
		System.out.flush();
		System.err.write("error".getBytes(StandardCharsets.UTF_8));
		System.err.flush();
		System.exit(Integer.parseInt(args[0]));
	}

}
