package dev.desktopidentity.test;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The tenant path segments the provider answers to: its tenant id, {@code common},
 * {@code organizations} and the configured aliases.
 */
final class Tenants {

	private final Set<String> accepted = new HashSet<>();

	Tenants(String tenantId, Set<String> aliases) {
		this.accepted.add(tenantId.toLowerCase(Locale.ROOT));
		this.accepted.add("common");
		this.accepted.add("organizations");
		aliases.forEach((alias) -> this.accepted.add(alias.toLowerCase(Locale.ROOT)));
	}

	boolean accepts(String segment) {
		return this.accepted.contains(segment.toLowerCase(Locale.ROOT));
	}

}
