package dev.desktopidentity.msal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * PKCE for the device code requests MSAL4J makes to an OpenID Connect provider, which
 * MSAL4J sends without it and Keycloak 26 refuses from a client that enforces PKCE: an S256
 * {@code code_challenge} on the device authorization request, and its
 * {@code code_verifier} on every poll of the token endpoint for the device code that
 * request was answered with. A verifier is kept until polling for its device code ends,
 * in memory only, for a few sign-ins at most; it is never logged.
 */
final class DeviceCodePkce {

	/** Sign-ins in progress are few; a verifier left by an abandoned one goes eventually. */
	private static final int MAX_VERIFIERS = 32;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, String> verifiers = new LinkedHashMap<>() {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
			return size() > MAX_VERIFIERS;
		}

	};

	/**
	 * Add an S256 challenge to a device authorization request, keeping its verifier until
	 * the answer names the device code.
	 * @param body the form body of the request
	 * @return the body to send
	 */
	@Nullable String withChallenge(@Nullable String body) {
		if (body == null || FormBody.parse(body).containsKey("code_challenge")) {
			return body;
		}
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		String challenge = challenge(verifier);
		synchronized (this.verifiers) {
			this.verifiers.put("challenge:" + challenge, verifier);
		}
		return body + "&code_challenge=" + challenge + "&code_challenge_method=S256";
	}

	/**
	 * Note the answer to a device authorization request: the device code its verifier
	 * belongs to.
	 * @param sent the body of the request that was sent
	 * @param status the status of the answer
	 * @param answer the body of the answer
	 */
	void authorized(@Nullable String sent, int status, String answer) {
		String challenge = (sent != null) ? FormBody.parse(sent).get("code_challenge") : null;
		if (challenge == null) {
			return;
		}
		synchronized (this.verifiers) {
			String verifier = this.verifiers.remove("challenge:" + challenge);
			String deviceCode = (status == 200 && verifier != null) ? ProviderJson.stringMember(answer, "device_code")
					: null;
			if (deviceCode != null) {
				this.verifiers.put("device:" + deviceCode, verifier);
			}
		}
	}

	/**
	 * Add the verifier of its device code to a poll of the token endpoint.
	 * @param body the form body of the poll
	 * @return the body to send
	 */
	@Nullable String withVerifier(@Nullable String body) {
		if (body == null) {
			return null;
		}
		Map<String, String> parameters = FormBody.parse(body);
		String deviceCode = parameters.get("device_code");
		if (deviceCode == null || parameters.containsKey("code_verifier")) {
			return body;
		}
		String verifier;
		synchronized (this.verifiers) {
			verifier = this.verifiers.get("device:" + deviceCode);
		}
		return (verifier != null) ? body + "&code_verifier=" + verifier : body;
	}

	/**
	 * Forget a device code's verifier once polling for it has ended: with tokens, or an
	 * error other than the two that mean "poll again".
	 * @param sent the body of the poll that was sent
	 * @param status the status of the answer
	 * @param answer the body of the answer
	 */
	void polled(@Nullable String sent, int status, String answer) {
		String deviceCode = (sent != null) ? FormBody.parse(sent).get("device_code") : null;
		if (deviceCode == null) {
			return;
		}
		String error = (status != 200) ? ProviderJson.stringMember(answer, "error") : null;
		if (status == 200 || !("authorization_pending".equals(error) || "slow_down".equals(error))) {
			synchronized (this.verifiers) {
				this.verifiers.remove("device:" + deviceCode);
			}
		}
	}

	private static String challenge(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
