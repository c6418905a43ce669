package dev.desktopidentity.signin;

import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An authorization request that has been sent to the user's browser and waits for the
 * redirect that answers it: step one of {@link AuthorizationCodeFlow}. Holds the PKCE
 * verifier and nonce, which never leave it; its {@link #toString()} shows neither.
 *
 * @since 0.1.0
 */
public final class PendingAuthorization {

	private final URI authorizationUri;

	private final URI redirectUri;

	private final Set<String> scopes;

	private final String state;

	private final String nonce;

	private final String codeVerifier;

	private final Instant createdAt;

	private final AtomicBoolean completed = new AtomicBoolean();

	PendingAuthorization(URI authorizationUri, URI redirectUri, Set<String> scopes, String state, String nonce,
			String codeVerifier, Instant createdAt) {
		this.authorizationUri = authorizationUri;
		this.redirectUri = redirectUri;
		this.scopes = Set.copyOf(scopes);
		this.state = state;
		this.nonce = nonce;
		this.codeVerifier = codeVerifier;
		this.createdAt = createdAt;
	}

	/**
	 * Return the URL to open in the browser.
	 * @return the authorization request URL
	 */
	public URI getAuthorizationUri() {
		return this.authorizationUri;
	}

	/**
	 * Return the redirect URI the identity provider sends the browser back to.
	 * @return the redirect URI
	 */
	public URI getRedirectUri() {
		return this.redirectUri;
	}

	/**
	 * Return the scopes of the token that completing this authorization returns.
	 * @return the scopes
	 */
	public Set<String> getScopes() {
		return this.scopes;
	}

	/**
	 * Return the {@code state} value the redirect must carry.
	 * @return the state
	 */
	public String getState() {
		return this.state;
	}

	/**
	 * Return when the authorization request was built.
	 * @return the creation time
	 */
	public Instant getCreatedAt() {
		return this.createdAt;
	}

	String nonce() {
		return this.nonce;
	}

	String codeVerifier() {
		return this.codeVerifier;
	}

	boolean markCompleted() {
		return this.completed.compareAndSet(false, true);
	}

	@Override
	public String toString() {
		return "PendingAuthorization[redirectUri=" + this.redirectUri + ", scopes=" + this.scopes + ", createdAt="
				+ this.createdAt + "]";
	}

}
