package dev.desktopidentity.benchmarks.startup.harness;

/**
 * How an app is launched.
 */
enum Mode {

	/** {@code java -jar app.jar}: the executable jar as Maven builds it. */
	JAR("jar"),

	/** {@code java -jar extracted/app.jar}, after {@code java -Djarmode=tools -jar app.jar extract}. */
	EXTRACTED("extracted"),

	/**
	 * The extracted jar with the class archive of a training run: the AOT cache
	 * ({@code -XX:AOTCache}) on JDK 25, a dynamic CDS archive ({@code -XX:SharedArchiveFile})
	 * on JDK 17.
	 */
	ARCHIVE("archive");

	private final String label;

	Mode(String label) {
		this.label = label;
	}

	String label() {
		return this.label;
	}

	static Mode of(String label) {
		for (Mode mode : values()) {
			if (mode.label.equals(label)) {
				return mode;
			}
		}
		throw new IllegalArgumentException("Unknown mode '" + label + "': use jar, extracted or archive");
	}

}
