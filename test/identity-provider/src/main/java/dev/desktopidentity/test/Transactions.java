package dev.desktopidentity.test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Sign-ins in progress, by id; each lasts at most 15 minutes. Thread-safe.
 */
final class Transactions {

	static final Duration LIFETIME = Duration.ofMinutes(15);

	private final Map<String, Transaction> transactions = new ConcurrentHashMap<>();

	private final ProviderPaths paths;

	Transactions(ProviderPaths paths) {
		this.paths = paths;
	}

	Transaction authorize(AuthorizeRequest request) {
		return add(Transaction.authorize(request, Instant.now().plus(LIFETIME), this.paths));
	}

	Transaction device(DeviceAuthorization device, String tenant) {
		return add(Transaction.device(device, tenant, Instant.now().plus(LIFETIME), this.paths));
	}

	private Transaction add(Transaction transaction) {
		Instant now = Instant.now();
		this.transactions.values().removeIf((candidate) -> candidate.expired(now));
		this.transactions.put(transaction.id(), transaction);
		return transaction;
	}

	@Nullable Transaction find(@Nullable String id) {
		Transaction transaction = (id != null) ? this.transactions.get(id) : null;
		return (transaction != null && !transaction.expired(Instant.now())) ? transaction : null;
	}

	void remove(Transaction transaction) {
		this.transactions.remove(transaction.id());
	}

}
