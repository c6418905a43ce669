package dev.desktopidentity.msal;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

/**
 * An exchange with the identity provider that failed before MSAL4J could read an answer,
 * said in words a user can act on: what went wrong (naming the host and port) and what to
 * do. Thrown by {@link IdentityProviderHttpClient}; MSAL4J wraps it in an
 * {@code MsalClientException}, and {@link MsalResults#translate} finds it there.
 */
final class ProviderExchangeException extends IOException {

	private final String errorCode;

	private final @Nullable String action;

	ProviderExchangeException(String problem, @Nullable String action, String errorCode, @Nullable Throwable cause) {
		super(problem, cause);
		this.errorCode = errorCode;
		this.action = action;
	}

	String problem() {
		return getMessage();
	}

	@Nullable String action() {
		return this.action;
	}

	String errorCode() {
		return this.errorCode;
	}

}
