package dev.desktopidentity;

/**
 * What the identity provider asks of the user during interactive sign-in, sent as the
 * {@code prompt} parameter of the authorization request.
 *
 * @since 0.1.0
 */
public enum Prompt {

	/**
	 * Let the user pick one of the accounts signed in to the browser, or sign in with
	 * another one. The default.
	 */
	SELECT_ACCOUNT("select_account"),

	/**
	 * Ask for consent again, even if the user has already consented.
	 */
	CONSENT("consent"),

	/**
	 * Ask for credentials again, even with a session in the browser.
	 */
	LOGIN("login"),

	/**
	 * Offer the sign-up experience, for identity providers with self-service sign-up
	 * (for example Microsoft Entra External ID).
	 */
	CREATE("create"),

	/**
	 * Never show anything: succeed from the browser's session, or fail with
	 * {@code interaction_required} or {@code login_required}.
	 */
	NONE("none");

	private final String parameterValue;

	Prompt(String parameterValue) {
		this.parameterValue = parameterValue;
	}

	/**
	 * Return the value of the {@code prompt} parameter.
	 * @return the parameter value
	 */
	public String parameterValue() {
		return this.parameterValue;
	}

}
