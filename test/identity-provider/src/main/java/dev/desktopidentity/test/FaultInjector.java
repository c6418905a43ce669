package dev.desktopidentity.test;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Faults queued per endpoint, each for one request, and how they answer. Thread-safe.
 */
final class FaultInjector {

	private static final String MALFORMED_JSON = "{\"token_type\": Bearer, \"expires_in\": [}";

	private static final String COMPLETE_BODY = "{\"token_type\":\"Bearer\",\"scope\":\"openid profile offline_access\","
			+ "\"expires_in\":3600,\"ext_expires_in\":3600,\"access_token\":\"truncated\"}";

	private final Map<Endpoint, Deque<Fault>> pending = new EnumMap<>(Endpoint.class);

	synchronized void inject(Endpoint endpoint, Fault fault, int times) {
		Deque<Fault> faults = this.pending.computeIfAbsent(endpoint, (key) -> new ArrayDeque<>());
		for (int i = 0; i < times; i++) {
			faults.add(fault);
		}
	}

	synchronized @Nullable Fault next(Endpoint endpoint) {
		Deque<Fault> faults = this.pending.get(endpoint);
		return (faults != null) ? faults.poll() : null;
	}

	synchronized void clear() {
		this.pending.clear();
	}

	/**
	 * Apply a fault to a call.
	 * @param call the call
	 * @param fault the fault
	 * @return whether the fault answered the call; a delay does not
	 * @throws IOException on a write failure
	 */
	static boolean apply(HttpCall call, Fault fault) throws IOException {
		switch (fault.kind()) {
			case THROTTLED -> {
				call.responseHeader("Retry-After", String.valueOf(fault.delayDuration().toSeconds()));
				call.json(429, ErrorBodies.json(OAuthException.plain(429, "temporarily_unavailable",
						"Too many requests. Retry after " + fault.delayDuration().toSeconds() + " seconds."), null));
				return true;
			}
			case DELAY -> {
				sleep(fault);
				return false;
			}
			case SERVER_ERROR -> {
				call.json(500, ErrorBodies.json(new OAuthException(AadError.TEMPORARILY_UNAVAILABLE),
						call.header("client-request-id")));
				return true;
			}
			case MALFORMED_JSON -> {
				call.send(200, "application/json; charset=utf-8", MALFORMED_JSON);
				return true;
			}
			default -> {
				call.truncated(COMPLETE_BODY);
				return true;
			}
		}
	}

	private static void sleep(Fault fault) {
		try {
			Thread.sleep(fault.delayDuration().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
