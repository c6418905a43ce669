package dev.desktopidentity.test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Issued authorization codes. Redeemed codes are kept until well past their expiry so
 * that a replay is recognised as one. Thread-safe.
 */
final class CodeStore {

	private static final Duration RETENTION = Duration.ofMinutes(30);

	private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();

	private final Map<String, Instant> forgetAt = new ConcurrentHashMap<>();

	private final Duration lifetime;

	CodeStore(Duration lifetime) {
		this.lifetime = lifetime;
	}

	String issue(TokenGrant grant, String redirectUri, String codeChallenge) {
		purge();
		Instant now = Instant.now();
		String code = Randoms.opaque();
		this.codes.put(code, new IssuedCode(grant, redirectUri, codeChallenge, now.plus(this.lifetime)));
		this.forgetAt.put(code, now.plus(this.lifetime).plus(RETENTION));
		return code;
	}

	@Nullable IssuedCode find(String code) {
		return this.codes.get(code);
	}

	void expireAll() {
		this.codes.values().forEach(IssuedCode::expire);
	}

	private void purge() {
		Instant now = Instant.now();
		this.forgetAt.entrySet().removeIf((entry) -> {
			boolean old = now.isAfter(entry.getValue());
			if (old) {
				this.codes.remove(entry.getKey());
			}
			return old;
		});
	}

}
