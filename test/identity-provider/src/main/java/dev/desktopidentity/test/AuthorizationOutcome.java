package dev.desktopidentity.test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.oauth2.sdk.util.URLUtils;
import org.jspecify.annotations.Nullable;

/**
 * The authorization response a {@link ScriptedUser} received at the end of a sign-in,
 * not yet delivered to the redirect URI.
 *
 * @since 0.1.0
 * @see ScriptedUser#signIn(URI)
 */
public final class AuthorizationOutcome {

	private final URI redirectUri;

	private final String responseMode;

	private final Map<String, String> parameters;

	private final Browser browser;

	private AuthorizationOutcome(URI redirectUri, String responseMode, Map<String, String> parameters,
			Browser browser) {
		this.redirectUri = redirectUri;
		this.responseMode = responseMode;
		this.parameters = Collections.unmodifiableMap(parameters);
		this.browser = browser;
	}

	static AuthorizationOutcome redirect(URI location, Browser browser) {
		boolean fragment = location.getRawFragment() != null;
		String encoded = fragment ? location.getRawFragment() : location.getRawQuery();
		Map<String, String> parameters = new LinkedHashMap<>();
		if (encoded != null) {
			URLUtils.parseParameters(encoded).forEach((name, values) -> parameters.put(name, values.get(0)));
		}
		return new AuthorizationOutcome(location, fragment ? "fragment" : "query", parameters, browser);
	}

	static AuthorizationOutcome formPost(URI action, Map<String, String> fields, Browser browser) {
		return new AuthorizationOutcome(action, "form_post", new LinkedHashMap<>(fields), browser);
	}

	/**
	 * Return where the response goes: for the {@code query} and {@code fragment} modes
	 * the redirect location with the response parameters, for {@code form_post} the
	 * redirect URI the form posts to.
	 * @return the redirect URI
	 */
	public URI redirectUri() {
		return this.redirectUri;
	}

	/**
	 * Return the response mode: {@code query}, {@code fragment} or {@code form_post}.
	 * @return the response mode
	 */
	public String responseMode() {
		return this.responseMode;
	}

	/**
	 * Return the response parameters, such as {@code code} and {@code state}.
	 * @return the parameters
	 */
	public Map<String, String> parameters() {
		return this.parameters;
	}

	/**
	 * Return the authorization code.
	 * @return the code, or {@code null} for an error response
	 */
	public @Nullable String code() {
		return this.parameters.get("code");
	}

	/**
	 * Return the state.
	 * @return the state, or {@code null}
	 */
	public @Nullable String state() {
		return this.parameters.get("state");
	}

	/**
	 * Return the error code, such as {@code access_denied}.
	 * @return the error, or {@code null} for a successful response
	 */
	public @Nullable String error() {
		return this.parameters.get("error");
	}

	/**
	 * Return the error description, which starts with the AADSTS code.
	 * @return the description, or {@code null}
	 */
	public @Nullable String errorDescription() {
		return this.parameters.get("error_description");
	}

	/**
	 * Return whether the response carries a code.
	 * @return whether the sign-in succeeded
	 */
	public boolean isSuccess() {
		return code() != null;
	}

	/**
	 * Deliver the response to the redirect URI as a browser would: a GET of the redirect
	 * location, or a form POST for {@code form_post}. Redirects in the answer are not
	 * followed.
	 * @return the answer of the redirect URI's server
	 * @throws IllegalStateException when the request fails, or for the {@code fragment}
	 * mode, whose parameters a browser never sends to a server
	 */
	public HttpResponse<String> deliver() {
		if (this.responseMode.equals("form_post")) {
			return this.browser.post(this.redirectUri, this.parameters);
		}
		if (this.responseMode.equals("fragment")) {
			throw new IllegalStateException("A fragment response is read by script in the browser, never sent to a server");
		}
		return this.browser.get(this.redirectUri);
	}

	@Override
	public String toString() {
		URI uri = this.redirectUri;
		List<String> names = List.copyOf(this.parameters.keySet());
		return "AuthorizationOutcome[" + this.responseMode + " to " + uri.getScheme() + "://" + uri.getRawAuthority()
				+ uri.getRawPath() + ", parameters=" + names + ((error() != null) ? ", error=" + error() : "") + "]";
	}

}
