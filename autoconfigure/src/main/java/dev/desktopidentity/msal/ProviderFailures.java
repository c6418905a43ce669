package dev.desktopidentity.msal;

import java.text.ParseException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.MsalInteractionRequiredException;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.MsalThrottlingException;
import dev.desktopidentity.InteractionRequiredException;
import dev.desktopidentity.TokenAcquisitionException;
import org.jspecify.annotations.Nullable;

/**
 * Turns what MSAL4J throws into a {@link TokenAcquisitionException} whose message names
 * the operation and the authority, says what went wrong in the identity provider's own
 * words where it answered (its error code and description, the HTTP status) and ends with
 * what to do: the property to set, the admin-center setting to change, or when to retry.
 */
final class ProviderFailures {

	/** MSAL4J's message for an error answer without {@code error} and {@code error_description}. */
	private static final Pattern UNKNOWN_ANSWER = Pattern.compile(
			"(?s)Unknown service exception\\. Http request returned status code:? (\\d{3})(?: with http body: (.*)|.*)");

	private static final Pattern STATUS = Pattern.compile("status code:? (\\d{3})");

	private static final int MAX_BODY = 200;

	private ProviderFailures() {
	}

	static TokenAcquisitionException translate(@Nullable String authority, String operation, Throwable failure) {
		Throwable cause = unwrap(failure);
		if (cause instanceof TokenAcquisitionException acquisition) {
			return acquisition;
		}
		String failed = operation + ((authority != null) ? " at " + authority : "") + " failed: ";
		ProviderExchangeException exchange = find(cause, ProviderExchangeException.class);
		if (exchange != null) {
			return new TokenAcquisitionException(failed + exchange.problem() + ".", exchange.action(),
					exchange.errorCode(), cause);
		}
		if (cause instanceof MsalThrottlingException throttled) {
			return new TokenAcquisitionException(failed + "the identity provider throttled an identical request "
					+ "moments ago, so MSAL4J does not send it again yet.",
					"Retry in " + seconds(Duration.ofMillis(throttled.retryInMs())) + ".", throttled.errorCode(),
					cause);
		}
		if (cause instanceof MsalServiceException service) {
			return serviceFailure(failed, service);
		}
		if (cause instanceof MsalClientException client) {
			return new TokenAcquisitionException(failed + clientProblem(client), null, client.errorCode(), cause);
		}
		String message = (cause.getMessage() != null) ? oneLine(cause.getMessage()) : "";
		return new TokenAcquisitionException(
				failed + cause.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message),
				null, (cause instanceof MsalException msal) ? msal.errorCode() : null, cause);
	}

	private static TokenAcquisitionException serviceFailure(String failed, MsalServiceException service) {
		Answer answer = Answer.of(service);
		String problem = failed + answer.describe();
		String action = action(answer, service);
		if (service instanceof MsalInteractionRequiredException) {
			return new InteractionRequiredException(problem, action, service.errorCode(), service);
		}
		return new TokenAcquisitionException(problem, action, answer.error(), service);
	}

	private static @Nullable String action(Answer answer, MsalServiceException service) {
		EntraErrors.Entry entry = EntraErrors.find(answer.description());
		if (entry != null) {
			return entry.action();
		}
		Duration retryAfter = retryAfter(service.headers());
		Integer status = answer.status();
		if (status != null && status == 429 || retryAfter != null) {
			return "The identity provider is throttling requests: retry "
					+ ((retryAfter != null) ? "in " + seconds(retryAfter) + " (its Retry-After)" : "in a minute") + ".";
		}
		if (status != null && status >= 500) {
			return "The identity provider has a problem of its own; try again later.";
		}
		if (status != null && status == 404) {
			return OidcAdaptations.ISSUER_ACTION;
		}
		String error = (answer.error() != null) ? answer.error() : "";
		return switch (error) {
			case "invalid_client" -> "Check identity.client-id, and that the provider registers the client as a "
					+ "public client (in Keycloak: Client authentication off).";
			case "unauthorized_client" -> "The client is not allowed this way of signing in: turn on the Standard "
					+ "flow (browser sign-in) or the OAuth 2.0 Device Authorization Grant (device code) in the "
					+ "provider's settings of the client, or change identity.interactive.mode.";
			case "invalid_scope" -> "Check identity.scopes, identity.resources.*.scopes and the scopes of your "
					+ "TokenRequests against the scopes the provider offers this client.";
			default -> null;
		};
	}

	private static String clientProblem(MsalClientException client) {
		String message = (client.getMessage() != null) ? oneLine(client.getMessage()) : "";
		if (client.getCause() instanceof ParseException || message.toLowerCase(Locale.ROOT).contains("json")) {
			return "its answer could not be read (" + message + ").";
		}
		return message.endsWith(".") ? message : message + ".";
	}

	private static @Nullable Duration retryAfter(@Nullable Map<String, List<String>> headers) {
		if (headers == null) {
			return null;
		}
		for (Map.Entry<String, List<String>> header : headers.entrySet()) {
			if ("retry-after".equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
				String value = header.getValue().get(0).strip();
				try {
					return Duration.ofSeconds(Long.parseLong(value));
				}
				catch (NumberFormatException ex) {
					try {
						ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
						Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
						return wait.isNegative() ? Duration.ZERO : wait;
					}
					catch (DateTimeParseException unreadable) {
						return null;
					}
				}
			}
		}
		return null;
	}

	private static String seconds(Duration duration) {
		long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
		return seconds + ((seconds == 1) ? " second" : " seconds");
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	static String oneLine(String text) {
		return text.replaceAll("\\s+", " ").strip();
	}

	/**
	 * What the identity provider answered, as far as MSAL4J kept it.
	 */
	private record Answer(@Nullable Integer status, @Nullable String error, String description) {

		static Answer of(MsalServiceException service) {
			String message = (service.getMessage() != null) ? service.getMessage() : "";
			Matcher unknown = UNKNOWN_ANSWER.matcher(message);
			if (unknown.matches()) {
				// MSAL4J found no OAuth error in the body and kept neither status nor code
				return fromBody(Integer.valueOf(unknown.group(1)), unknown.group(2));
			}
			Integer status = service.statusCode();
			if (status == null) {
				Matcher code = STATUS.matcher(message);
				status = code.find() ? Integer.valueOf(code.group(1)) : null;
			}
			String error = ("unknown".equals(service.errorCode())) ? null : service.errorCode();
			return new Answer(status, error, oneLine(message));
		}

		private static Answer fromBody(Integer status, @Nullable String body) {
			if (body == null || body.isBlank()) {
				return new Answer(status, null, "");
			}
			try {
				Map<String, Object> json = ProviderJson.parse(body);
				String error = ProviderJson.string(json, "error");
				String description = ProviderJson.string(json, "error_description");
				if (error != null || description != null) {
					return new Answer(status, (description != null) ? error : null,
							oneLine((description != null) ? description : error));
				}
			}
			catch (ParseException | RuntimeException ex) {
				// not JSON: quote the start of it
			}
			String text = oneLine(body);
			return new Answer(status, null, (text.length() > MAX_BODY) ? text.substring(0, MAX_BODY) + "..." : text);
		}

		String describe() {
			StringBuilder text = new StringBuilder();
			if (this.description.isEmpty()) {
				text.append("the identity provider answered");
			}
			else {
				text.append(this.description);
			}
			String details = ((this.error != null) ? this.error : "")
					+ ((this.error != null && this.status != null) ? ", " : "")
					+ ((this.status != null) ? "HTTP " + this.status : "");
			if (!details.isEmpty()) {
				text.append(this.description.isEmpty() ? " " + details : " (" + details + ")");
			}
			return text.append(text.toString().endsWith(".") ? "" : ".").toString();
		}

	}

}
