package dev.desktopidentity.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidIdentityPropertyException} as a start-up failure that names
 * the property and says how to fix it.
 *
 * @since 0.1.0
 */
class InvalidIdentityPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidIdentityPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidIdentityPropertyException cause) {
		StringBuilder description = new StringBuilder();
		description.append(String.format("Invalid value for configuration property '%s':%n%n", cause.getPropertyName()));
		description.append(String.format("    Property: %s%n", cause.getPropertyName()));
		description.append(String.format("    Value: %s%n", (cause.getValue() != null) ? cause.getValue() : "(not set)"));
		description.append(String.format("    Reason: %s", cause.getReason()));
		return new FailureAnalysis(description.toString(), cause.getAction(), cause);
	}

}
