package dev.desktopidentity.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link IncompatibleSpringBootException}: which Spring Boot versions the
 * starter supports, which one the application has, and how to fix it. Uses only types
 * that Spring Boot 3 has as well.
 */
class IncompatibleSpringBootFailureAnalyzer extends AbstractFailureAnalyzer<IncompatibleSpringBootException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, IncompatibleSpringBootException cause) {
		String found = (cause.getSpringBootVersion() != null) ? cause.getSpringBootVersion()
				: "a version without Spring Boot 4's classes";
		String starter = (cause.getStarterVersion() != null) ? " " + cause.getStarterVersion() : "";
		String description = String.format("desktop-identity%s supports Spring Boot %s; this application uses "
				+ "Spring Boot %s.%n%nOn another major version of Spring Boot the starter cannot work: on Spring Boot 3, "
				+ "for one, the RestClient and RestTemplate customizers are in other packages, so requests to "
				+ "identity.resources would be sent without the user's token.", starter, cause.getSupportedVersions(),
				found);
		String action = String.format("Set the version of spring-boot-starter-parent (or of the spring-boot-dependencies "
				+ "BOM you import) to a Spring Boot %s release. If you know that this combination works, set %s=false "
				+ "to skip this check.", cause.getSupportedVersions().replace(" and ", " or "),
				SpringBootCompatibilityCheck.ENABLED_PROPERTY);
		return new FailureAnalysis(description, action, cause);
	}

}
