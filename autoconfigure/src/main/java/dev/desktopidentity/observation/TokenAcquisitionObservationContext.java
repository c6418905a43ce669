package dev.desktopidentity.observation;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.TokenRequest;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Context of an {@code identity.token.acquisition} observation: the request, and once it
 * has been answered, the token (or, through {@link #getError()}, the exception). An
 * {@link TokenAcquisitionObservationConvention} turns it into key values.
 * <p>
 * The token is here for conventions that derive low-cardinality values from it, such as
 * {@link AccessToken#getSource()}; its value must never become a key value, nor be logged.
 *
 * @since 0.1.0
 * @see TokenAcquisitionObservationDocumentation
 */
public class TokenAcquisitionObservationContext extends Observation.Context {

	private final TokenRequest request;

	private @Nullable AccessToken token;

	/**
	 * Create a new instance.
	 * @param request the token request being answered
	 */
	public TokenAcquisitionObservationContext(TokenRequest request) {
		Assert.notNull(request, "'request' must not be null");
		this.request = request;
	}

	/**
	 * Return the token request being answered.
	 * @return the request
	 */
	public TokenRequest getRequest() {
		return this.request;
	}

	/**
	 * Return the token that answered the request.
	 * @return the token, or {@code null} while the request is being answered and when it
	 * failed
	 */
	public @Nullable AccessToken getToken() {
		return this.token;
	}

	/**
	 * Set the token that answered the request.
	 * @param token the token
	 */
	public void setToken(@Nullable AccessToken token) {
		this.token = token;
	}

}
