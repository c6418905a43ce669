package dev.desktopidentity.benchmarks.startup.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * An app whose process is timed: its executable jar, its arguments and the line it must
 * print when it has done its job.
 *
 * @param name a short name
 * @param jar the executable jar
 * @param arguments the program arguments
 * @param expected what a successful run prints
 */
record TimedApp(String name, Path jar, List<String> arguments, String expected) {

	/**
	 * Return the directory of this app's extracted jar and class archive for a JDK. Its
	 * name has no spaces: JDK 17 does not use the classes of a dynamic CDS archive that
	 * come from a jar whose path has one (the archive still maps, the app runs as if
	 * without it).
	 */
	Path directory(Path work, Jdk jdk) {
		return work.resolve("jdk-" + jdk.feature()).resolve(this.name.replaceAll("[^A-Za-z0-9]+", "-"));
	}

	Path extractedJar(Path work, Jdk jdk) {
		return directory(work, jdk).resolve("extracted").resolve(this.jar.getFileName());
	}

	Path archive(Path work, Jdk jdk) {
		return directory(work, jdk).resolve(jdk.hasAotCache() ? "app.aot" : "app.jsa");
	}

	/**
	 * Return the main class named by the extracted jar's manifest: the app's own, as the
	 * extracted jar is launched without Spring Boot's launcher.
	 */
	String mainClass(Path work, Jdk jdk) throws IOException {
		try (JarFile jar = new JarFile(extractedJar(work, jdk).toFile())) {
			return jar.getManifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
		}
	}

	/**
	 * Extract the jar, as Spring Boot's documentation does for CDS and the AOT cache.
	 */
	void extract(Path work, Jdk jdk) throws Exception {
		Path directory = directory(work, jdk);
		Files.createDirectories(directory);
		BenchmarkFiles.deleteRecursively(directory.resolve("extracted"));
		ProcessRun.run(List.of(jdk.java(), "-Djarmode=tools", "-jar", this.jar.toAbsolutePath().toString(),
				"extract", "--destination", directory.resolve("extracted").toString()), directory).expect("");
	}

	/**
	 * Run the training run that writes the class archive: Spring Boot's
	 * {@code -Dspring.context.exit=onRefresh}, which refreshes the context and exits
	 * before any runner runs.
	 * @return the training run
	 */
	ProcessRun train(Path work, Jdk jdk) {
		Path archive = archive(work, jdk);
		List<String> command = new ArrayList<>();
		command.add(jdk.java());
		command.add(jdk.hasAotCache() ? "-XX:AOTCacheOutput=" + archive : "-XX:ArchiveClassesAtExit=" + archive);
		command.add("-Dspring.context.exit=onRefresh");
		command.add("-jar");
		command.add(extractedJar(work, jdk).toString());
		command.addAll(this.arguments);
		return ProcessRun.run(command, directory(work, jdk));
	}

	/**
	 * Return the command that launches the app.
	 * @param strict whether the JVM must fail rather than run without the class archive
	 */
	List<String> command(Path work, Jdk jdk, Mode mode, boolean strict) {
		List<String> command = new ArrayList<>();
		command.add(jdk.java());
		switch (mode) {
			case JAR -> command.addAll(List.of("-jar", this.jar.toAbsolutePath().toString()));
			case EXTRACTED -> command.addAll(List.of("-jar", extractedJar(work, jdk).toString()));
			case ARCHIVE -> {
				if (jdk.hasAotCache()) {
					command.add("-XX:AOTCache=" + archive(work, jdk));
					if (strict) {
						command.add("-XX:AOTMode=on");
					}
				}
				else {
					command.add("-XX:SharedArchiveFile=" + archive(work, jdk));
					if (strict) {
						command.add("-Xshare:on");
					}
				}
				command.addAll(List.of("-jar", extractedJar(work, jdk).toString()));
			}
		}
		command.addAll(this.arguments);
		return command;
	}

}
