package dev.desktopidentity.test;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault that a {@link LocalIdentityProvider} injects into the next requests to an
 * endpoint, see {@link LocalIdentityProvider#injectFault(Endpoint, Fault, int)}.
 *
 * @since 0.1.0
 */
public final class Fault {

	/**
	 * Kinds of fault.
	 */
	enum Kind {

		DELAY, SERVER_ERROR, MALFORMED_JSON, TRUNCATED_BODY, ENTRA_ERROR, THROTTLED

	}

	private final Kind kind;

	private final Duration delay;

	private final int code;

	private Fault(Kind kind, Duration delay) {
		this(kind, delay, 0);
	}

	private Fault(Kind kind, Duration delay, int code) {
		this.kind = kind;
		this.delay = delay;
		this.code = code;
	}

	/**
	 * Answer normally, but only after the given delay.
	 * @param delay the delay, not negative
	 * @return the fault
	 */
	public static Fault delay(Duration delay) {
		Objects.requireNonNull(delay, "'delay' must not be null");
		if (delay.isNegative()) {
			throw new IllegalArgumentException("'delay' must not be negative");
		}
		return new Fault(Kind.DELAY, delay);
	}

	/**
	 * Answer with HTTP 500 and a Microsoft error response whose {@code error} is
	 * {@code temporarily_unavailable}.
	 * @return the fault
	 */
	public static Fault serverError() {
		return new Fault(Kind.SERVER_ERROR, Duration.ZERO);
	}

	/**
	 * Answer with HTTP 200, {@code Content-Type: application/json} and a body that is not
	 * JSON.
	 * @return the fault
	 */
	public static Fault malformedJson() {
		return new Fault(Kind.MALFORMED_JSON, Duration.ZERO);
	}

	/**
	 * Answer with HTTP 200 and a {@code Content-Length} of the complete response, send
	 * only part of the body and close the connection.
	 * @return the fault
	 */
	public static Fault truncatedBody() {
		return new Fault(Kind.TRUNCATED_BODY, Duration.ZERO);
	}

	/**
	 * Answer with a Microsoft Entra error, as Microsoft Entra sends it: the authorization
	 * endpoint redirects to the request's redirect URI with {@code error},
	 * {@code error_description} (starting with {@code AADSTS<code>:}) and the
	 * {@code state}; the sign-in and device verification pages show it; the token and
	 * device code endpoints answer with the JSON error, suberror and HTTP status Microsoft
	 * Entra uses for it. The codes known are those a desktop application meets: redirect
	 * URI mismatch (50011, 500113, 9002327), application not found (700016), single-tenant
	 * application through {@code common} (50194), public client flows disabled (7000218),
	 * consent required or declined (65001, 65004), multi-factor authentication (50076,
	 * 50079, 50074), Conditional Access (53003) and device compliance (53000, 53001), user
	 * from another tenant (50020), tenant not found (90002), invalid scope or resource
	 * (70011, 500011, 650057), user not assigned (50105) and revoked or expired grants
	 * (50173, 700082, 70043, 70008).
	 * @param aadstsCode the number after {@code AADSTS}
	 * @return the fault
	 * @throws IllegalArgumentException for a code that is not known
	 */
	public static Fault entraError(int aadstsCode) {
		EntraErrorCatalog.require(aadstsCode);
		return new Fault(Kind.ENTRA_ERROR, Duration.ZERO, aadstsCode);
	}

	/**
	 * Answer with HTTP 429 Too Many Requests, a {@code Retry-After} header of the given
	 * number of seconds and a {@code temporarily_unavailable} error.
	 * @param retryAfter when to retry, whole seconds of at least 1
	 * @return the fault
	 */
	public static Fault throttled(Duration retryAfter) {
		Objects.requireNonNull(retryAfter, "'retryAfter' must not be null");
		if (retryAfter.toSeconds() < 1) {
			throw new IllegalArgumentException("'retryAfter' must be at least 1 second");
		}
		return new Fault(Kind.THROTTLED, Duration.ofSeconds(retryAfter.toSeconds()));
	}

	int code() {
		return this.code;
	}

	Kind kind() {
		return this.kind;
	}

	Duration delayDuration() {
		return this.delay;
	}

	@Override
	public String toString() {
		return switch (this.kind) {
			case DELAY, THROTTLED -> this.kind.name() + "(" + this.delay + ")";
			case ENTRA_ERROR -> this.kind.name() + "(AADSTS" + this.code + ")";
			default -> this.kind.name();
		};
	}

}
