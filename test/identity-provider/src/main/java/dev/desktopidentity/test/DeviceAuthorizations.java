package dev.desktopidentity.test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Device authorization requests, found by device code (token endpoint) or by user code
 * (verification page). User codes match case-insensitively, ignoring spaces and dashes.
 * Thread-safe.
 */
final class DeviceAuthorizations {

	private final Map<String, DeviceAuthorization> byDeviceCode = new ConcurrentHashMap<>();

	private final Map<String, DeviceAuthorization> byUserCode = new ConcurrentHashMap<>();

	private final Duration lifetime;

	private final List<Consumer<String>> userCodeListeners = new CopyOnWriteArrayList<>();

	DeviceAuthorizations(Duration lifetime) {
		this.lifetime = lifetime;
	}

	Duration lifetime() {
		return this.lifetime;
	}

	/**
	 * Start a device authorization.
	 * @param clientId the client id
	 * @param scopes the requested scopes
	 * @param claims the requested claims
	 * @param codeChallenge the S256 PKCE challenge of the request, if any
	 * @return the device code with the new authorization
	 */
	Created create(String clientId, List<String> scopes, RequestedClaims claims, @Nullable String codeChallenge) {
		Instant expiresAt = Instant.now().plus(this.lifetime);
		String deviceCode = Randoms.opaque();
		while (true) {
			String userCode = Randoms.userCode();
			DeviceAuthorization authorization = new DeviceAuthorization(userCode, clientId, scopes, claims, expiresAt,
					codeChallenge);
			if (this.byUserCode.putIfAbsent(userCode, authorization) == null) {
				this.byDeviceCode.put(deviceCode, authorization);
				notifyListeners(userCode);
				return new Created(deviceCode, authorization);
			}
		}
	}

	@Nullable DeviceAuthorization findByDeviceCode(String deviceCode) {
		return this.byDeviceCode.get(deviceCode);
	}

	@Nullable DeviceAuthorization findByUserCode(@Nullable String userCode) {
		if (userCode == null) {
			return null;
		}
		String normalized = userCode.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
		return this.byUserCode.get(normalized);
	}

	/**
	 * Run an action with the user code of every device authorization created from now
	 * on, each on a daemon thread of its own, so that it may send requests to the
	 * provider.
	 * @param listener the action
	 */
	void onUserCode(Consumer<String> listener) {
		this.userCodeListeners.add(listener);
	}

	private void notifyListeners(String userCode) {
		for (Consumer<String> listener : this.userCodeListeners) {
			Thread thread = new Thread(() -> listener.accept(userCode), "local-identity-provider-device-code");
			thread.setDaemon(true);
			thread.start();
		}
	}

	void expireAll() {
		this.byDeviceCode.values().forEach(DeviceAuthorization::expire);
	}

	/**
	 * A new device authorization with its device code.
	 *
	 * @param deviceCode the device code
	 * @param authorization the authorization
	 */
	record Created(String deviceCode, DeviceAuthorization authorization) {

		@Override
		public String toString() {
			return "Created[userCode=" + this.authorization.userCode() + "]";
		}

	}

}
