package dev.desktopidentity.test;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A request that a {@link LocalIdentityProvider} received. Secret parameter values
 * ({@code code}, {@code code_verifier}, {@code refresh_token}, {@code device_code},
 * {@code password}, {@code client_secret}, {@code client_assertion}, a revoked
 * {@code token} and the like) are
 * replaced by {@value #REDACTED}.
 *
 * @param time when the request arrived
 * @param method the HTTP method
 * @param endpoint the endpoint
 * @param path the request path, without the query
 * @param parameters the query and form parameters, first value of each, secrets redacted
 * @since 0.1.0
 */
public record RecordedRequest(Instant time, String method, Endpoint endpoint, String path,
		Map<String, String> parameters) {

	/**
	 * Value that replaces secret parameter values.
	 */
	public static final String REDACTED = "[redacted]";

	/**
	 * Create a new instance.
	 * @param time when the request arrived
	 * @param method the HTTP method
	 * @param endpoint the endpoint
	 * @param path the request path, without the query
	 * @param parameters the query and form parameters, secrets redacted
	 */
	public RecordedRequest {
		Objects.requireNonNull(time, "'time' must not be null");
		Objects.requireNonNull(method, "'method' must not be null");
		Objects.requireNonNull(endpoint, "'endpoint' must not be null");
		Objects.requireNonNull(path, "'path' must not be null");
		parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
	}

	/**
	 * Return the value of a parameter.
	 * @param name the parameter name
	 * @return the value, {@value #REDACTED} for a secret, or {@code null}
	 */
	public @Nullable String parameter(String name) {
		return this.parameters.get(name);
	}

	/**
	 * Return the {@code grant_type} of a token request.
	 * @return the grant type or {@code null}
	 */
	public @Nullable String grantType() {
		return this.parameters.get("grant_type");
	}

}
