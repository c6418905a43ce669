package dev.desktopidentity.test;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Error responses in the Microsoft identity platform format, with trace id, correlation
 * id and timestamp.
 */
final class ErrorBodies {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'");

	private ErrorBodies() {
	}

	/**
	 * Return the JSON body of an error response: the Microsoft identity platform's, with
	 * trace details, or a plain one for an error without an AADSTS code.
	 * @param error the error
	 * @param clientRequestId the {@code client-request-id} header, used as correlation id
	 * @return the body
	 */
	static Map<String, Object> json(OAuthException error, @Nullable String clientRequestId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", error.error());
		if (error.code() == 0) {
			if (error.description() != null) {
				body.put("error_description", error.description());
			}
			return body;
		}
		String traceId = UUID.randomUUID().toString();
		String correlationId = correlationId(clientRequestId);
		String timestamp = ZonedDateTime.now(ZoneOffset.UTC).format(TIMESTAMP);
		body.put("error_description", withTrace(error.getMessage(), traceId, correlationId, timestamp));
		body.put("error_codes", List.of(error.code()));
		body.put("timestamp", timestamp);
		body.put("trace_id", traceId);
		body.put("correlation_id", correlationId);
		if (error.suberror() != null) {
			body.put("suberror", error.suberror());
		}
		return body;
	}

	/**
	 * Return the {@code error_description} of an error sent to a redirect URI.
	 * @param error the error
	 * @return the description, with trace details for an AADSTS error
	 */
	static @Nullable String redirectDescription(OAuthException error) {
		if (error.code() == 0) {
			return error.description();
		}
		String description = error.getMessage();
		String timestamp = ZonedDateTime.now(ZoneOffset.UTC).format(TIMESTAMP);
		return withTrace(description, UUID.randomUUID().toString(), UUID.randomUUID().toString(), timestamp);
	}

	private static String withTrace(String description, String traceId, String correlationId, String timestamp) {
		return description + " Trace ID: " + traceId + " Correlation ID: " + correlationId + " Timestamp: "
				+ timestamp;
	}

	private static String correlationId(@Nullable String clientRequestId) {
		if (clientRequestId != null) {
			try {
				return UUID.fromString(clientRequestId.trim()).toString();
			}
			catch (IllegalArgumentException ex) {
				// not a UUID: use a fresh one
			}
		}
		return UUID.randomUUID().toString();
	}

}
