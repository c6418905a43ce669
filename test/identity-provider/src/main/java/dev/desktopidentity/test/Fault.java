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

		DELAY, SERVER_ERROR, MALFORMED_JSON, TRUNCATED_BODY

	}

	private final Kind kind;

	private final Duration delay;

	private Fault(Kind kind, Duration delay) {
		this.kind = kind;
		this.delay = delay;
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

	Kind kind() {
		return this.kind;
	}

	Duration delayDuration() {
		return this.delay;
	}

	@Override
	public String toString() {
		return (this.kind != Kind.DELAY) ? this.kind.name() : this.kind.name() + "(" + this.delay + ")";
	}

}
