package dev.desktopidentity.benchmarks.startup.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDK to run the apps with.
 *
 * @param home the JDK's home directory
 * @param feature its feature release, such as 17 or 25
 */
record Jdk(Path home, int feature) {

	private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(?:1\\.)?(\\d+)");

	static Jdk of(Path home) throws IOException {
		String release = Files.readString(home.resolve("release"));
		Matcher matcher = VERSION.matcher(release);
		if (!matcher.find()) {
			throw new IllegalArgumentException("No JAVA_VERSION in " + home.resolve("release"));
		}
		return new Jdk(home, Integer.parseInt(matcher.group(1)));
	}

	String java() {
		return this.home.resolve("bin/java").toString();
	}

	/**
	 * Whether the JDK has the AOT cache of JEP 483/514 ({@code -XX:AOTCacheOutput}), which
	 * Spring Boot recommends over CDS from Java 24 on.
	 */
	boolean hasAotCache() {
		return this.feature >= 25;
	}

	String name() {
		return "JDK " + this.feature;
	}

}
