package dev.desktopidentity.test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Requests that a {@link LocalIdentityProvider} received, counted per {@link Endpoint}.
 * Thread-safe.
 *
 * <pre class="code">
 * assertThat(provider.requests().count(Endpoint.TOKEN)).isEqualTo(1);
 * assertThat(provider.requests().lastAuthorizeParameters()).containsEntry("prompt", "select_account");
 * </pre>
 *
 * @since 0.1.0
 */
public final class RecordedRequests {

	private static final Set<String> SECRETS = Set.of("code", "code_verifier", "refresh_token", "device_code",
			"password", "client_secret", "client_assertion", "assertion", "access_token", "id_token", "token");

	private static final int LOG_LIMIT = 10_000;

	private final Map<Endpoint, Integer> counts = new EnumMap<>(Endpoint.class);

	private final List<RecordedRequest> log = new ArrayList<>();

	private Map<String, String> lastAuthorizeParameters = Map.of();

	private final Set<String> secrets = new LinkedHashSet<>();

	RecordedRequests() {
	}

	/**
	 * Return how many requests an endpoint received since start or the last
	 * {@link #reset()}.
	 * @param endpoint the endpoint
	 * @return the number of requests
	 */
	public synchronized int count(Endpoint endpoint) {
		return this.counts.getOrDefault(endpoint, 0);
	}

	/**
	 * Return the recorded requests, oldest first (at most the last 10,000).
	 * @return a snapshot of the requests
	 */
	public synchronized List<RecordedRequest> all() {
		return List.copyOf(this.log);
	}

	/**
	 * Return the recorded requests to one endpoint, oldest first.
	 * @param endpoint the endpoint
	 * @return a snapshot of the requests
	 */
	public synchronized List<RecordedRequest> to(Endpoint endpoint) {
		return this.log.stream().filter((request) -> request.endpoint() == endpoint).toList();
	}

	/**
	 * Return the parameters of the last authorization request, including unknown extra
	 * parameters; empty when there was none.
	 * @return the parameters, first value of each
	 */
	public synchronized Map<String, String> lastAuthorizeParameters() {
		return this.lastAuthorizeParameters;
	}

	/**
	 * Return every secret value the provider issued (authorization codes, access, refresh
	 * and ID tokens) or received in a request (codes, PKCE code verifiers, refresh tokens,
	 * device codes, passwords) since start or the last {@link #reset()}, for tests that
	 * check that none of them reaches a log.
	 * @return a snapshot of the secrets, in the order they were seen
	 */
	public synchronized Set<String> secrets() {
		return Collections.unmodifiableSet(new LinkedHashSet<>(this.secrets));
	}

	/**
	 * Forget all recorded requests, counts and secrets.
	 */
	public synchronized void reset() {
		this.counts.clear();
		this.log.clear();
		this.lastAuthorizeParameters = Map.of();
		this.secrets.clear();
	}

	synchronized void recordIssued(Collection<?> values) {
		for (Object value : values) {
			if (value instanceof String secret && !secret.isEmpty()) {
				this.secrets.add(secret);
			}
		}
	}

	synchronized void record(String method, Endpoint endpoint, String path, Map<String, String> parameters) {
		Map<String, String> redacted = redact(parameters);
		parameters.forEach((name, value) -> {
			if (SECRETS.contains(name) && !value.isEmpty()) {
				this.secrets.add(value);
			}
		});
		this.counts.merge(endpoint, 1, Integer::sum);
		if (this.log.size() == LOG_LIMIT) {
			this.log.remove(0);
		}
		this.log.add(new RecordedRequest(Instant.now(), method, endpoint, path, redacted));
		if (endpoint == Endpoint.AUTHORIZE) {
			this.lastAuthorizeParameters = Collections.unmodifiableMap(redacted);
		}
	}

	private static Map<String, String> redact(Map<String, String> parameters) {
		Map<String, String> redacted = new LinkedHashMap<>();
		parameters.forEach((name, value) -> redacted.put(name, SECRETS.contains(name) ? RecordedRequest.REDACTED : value));
		return redacted;
	}

}
