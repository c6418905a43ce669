package dev.desktopidentity.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at start-up when the application runs on a Spring Boot version that the starter
 * does not support; {@link IncompatibleSpringBootFailureAnalyzer} reports it.
 */
final class IncompatibleSpringBootException extends RuntimeException {

	private final @Nullable String springBootVersion;

	private final @Nullable String starterVersion;

	private final String supportedVersions;

	IncompatibleSpringBootException(@Nullable String springBootVersion, @Nullable String starterVersion,
			String supportedVersions) {
		super("desktop-identity " + ((starterVersion != null) ? starterVersion + " " : "") + "supports Spring Boot "
				+ supportedVersions + ", not " + ((springBootVersion != null) ? springBootVersion : "this version"));
		this.springBootVersion = springBootVersion;
		this.starterVersion = starterVersion;
		this.supportedVersions = supportedVersions;
	}

	@Nullable String getSpringBootVersion() {
		return this.springBootVersion;
	}

	@Nullable String getStarterVersion() {
		return this.starterVersion;
	}

	String getSupportedVersions() {
		return this.supportedVersions;
	}

}
