package dev.desktopidentity.signin;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP request that reached the loopback redirect receiver, as read by
 * {@link RedirectRequestReader}. {@link #toString()} shows the method and path, never the
 * query or body, which may hold an authorization code.
 *
 * @param method the method, such as {@code GET}
 * @param authority the authority of an absolute-form request target, or {@code null}
 * for the usual origin form
 * @param path the raw path of the request target
 * @param query the raw query of the request target, or {@code null}
 * @param headers the header values by lower-case name
 * @param body the body, empty when there is none
 */
record RedirectRequest(String method, @Nullable String authority, String path, @Nullable String query,
		Map<String, List<String>> headers, byte[] body) {

	/**
	 * Return the values of a header.
	 * @param name the header name, in any case
	 * @return the values, empty if the header is absent
	 */
	List<String> header(String name) {
		return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
	}

	/**
	 * Return the value of a header that must appear at most once.
	 * @param name the header name, in any case
	 * @return the value, or {@code null} if the header is absent or repeated
	 */
	@Nullable String singleHeader(String name) {
		List<String> values = header(name);
		return (values.size() == 1) ? values.get(0) : null;
	}

	@Override
	public String toString() {
		return this.method + " " + this.path;
	}

}
