package dev.desktopidentity;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Thrown when the user did not complete interactive sign-in, in the browser or with a
 * device code, within {@code identity.interactive.timeout}. The message says so and how
 * to wait longer.
 *
 * @since 0.1.0
 */
public class SignInTimeoutException extends SignInCancelledException {

	private final Duration timeout;

	/**
	 * Create a new instance.
	 * @param what what the user did not complete, such as {@code Sign-in in the browser}
	 * @param timeout how long sign-in waited
	 * @param cause the cause, if any
	 */
	public SignInTimeoutException(String what, Duration timeout, @Nullable Throwable cause) {
		super(what + " timed out: it was not completed within " + format(timeout) + ".",
				"Run it again when you are ready, or wait longer with identity.interactive.timeout (for example "
						+ "identity.interactive.timeout=" + format(timeout.multipliedBy(2)) + ").",
				cause);
		Assert.notNull(timeout, "'timeout' must not be null");
		this.timeout = timeout;
	}

	/**
	 * Return how long sign-in waited.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

	/**
	 * Format a duration the way Spring Boot binds it: {@code 5m}, {@code 90s},
	 * {@code 1500ms}.
	 */
	private static String format(Duration duration) {
		if (duration.toMillis() % 1000 != 0) {
			return duration.toMillis() + "ms";
		}
		long seconds = duration.toSeconds();
		if (seconds % 3600 == 0 && seconds > 0) {
			return (seconds / 3600) + "h";
		}
		if (seconds % 60 == 0 && seconds > 0) {
			return (seconds / 60) + "m";
		}
		return seconds + "s";
	}

}
