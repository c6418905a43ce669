package dev.desktopidentity.autoconfigure;

import dev.desktopidentity.TokenAcquisitionException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link TokenAcquisitionException} that stops the application while it
 * starts, such as one thrown by a {@code CommandLineRunner} that gets a token, as Spring
 * Boot's failure report: what went wrong, naming the identity provider and the operation,
 * and what to do. The user sees that report rather than a stack trace.
 *
 * @since 0.1.0
 */
class TokenAcquisitionFailureAnalyzer extends AbstractFailureAnalyzer<TokenAcquisitionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TokenAcquisitionException cause) {
		String message = String.valueOf(cause.getMessage());
		String action = cause.getAction();
		String description = message;
		if (action != null && message.endsWith(action)) {
			description = message.substring(0, message.length() - action.length()).strip();
		}
		if (action == null) {
			action = "Check the identity.* configuration and that the identity provider can be reached, then start "
					+ "the application again.";
		}
		return new FailureAnalysis(description, action, cause);
	}

}
