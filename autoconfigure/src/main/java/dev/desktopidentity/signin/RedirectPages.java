package dev.desktopidentity.signin;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What the browser shows once the identity provider has sent it back to the
 * application: a page of HTML or a redirect to another URL, one for a successful
 * sign-in and one for a failed sign-in. Immutable: every {@code with} method returns a
 * new instance.
 * <pre class="code">
 * RedirectPages pages = RedirectPages.defaults("Contoso CLI")
 *     .withErrorRedirect(URI.create("https://contoso.example/help/sign-in"));
 * </pre>
 *
 * @since 0.1.0
 */
public final class RedirectPages {

	private static final String STYLE = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
			+ "margin:0;background:#f5f5f5;color:#1b1b1b}"
			+ "main{max-width:32rem;margin:15vh auto;padding:2rem;background:#fff;border-radius:8px;"
			+ "box-shadow:0 1px 4px rgba(0,0,0,.15)}h1{font-size:1.5rem;margin-top:0}"
			+ "code{font-size:.95rem;background:#f0f0f0;padding:.1rem .3rem;border-radius:3px}";

	private static final String ERROR_PLACEHOLDER = "{error}";

	private static final String ERROR_DESCRIPTION_PLACEHOLDER = "{error_description}";

	private final String successHtml;

	private final @Nullable URI successRedirect;

	private final String errorHtml;

	private final @Nullable URI errorRedirect;

	private RedirectPages(String successHtml, @Nullable URI successRedirect, String errorHtml,
			@Nullable URI errorRedirect) {
		this.successHtml = successHtml;
		this.successRedirect = successRedirect;
		this.errorHtml = errorHtml;
		this.errorRedirect = errorRedirect;
	}

	/**
	 * Return the default pages: small self-contained HTML pages that tell the user the
	 * sign-in to the application has completed or failed.
	 * @param applicationName the name of the application, as the user knows it
	 * @return the default pages
	 */
	public static RedirectPages defaults(String applicationName) {
		Assert.notNull(applicationName, "'applicationName' must not be null");
		String success = page("Signed in", "<p>You have signed in to " + escape(applicationName)
				+ ". You can close this tab and return to the application.</p>");
		String error = page("Sign-in failed", "<p>Sign-in to " + escape(applicationName) + " failed: <code>"
				+ ERROR_PLACEHOLDER + "</code></p><p>" + ERROR_DESCRIPTION_PLACEHOLDER
				+ "</p><p>Return to the application to try again.</p>");
		return new RedirectPages(success, null, error, null);
	}

	/**
	 * Return pages that show the given HTML after a successful sign-in.
	 * @param html the complete HTML document
	 * @return new pages
	 */
	public RedirectPages withSuccessHtml(String html) {
		Assert.notNull(html, "'html' must not be null");
		return new RedirectPages(html, null, this.errorHtml, this.errorRedirect);
	}

	/**
	 * Return pages that redirect the browser to the given URL after a successful sign-in.
	 * @param location the URL to redirect to
	 * @return new pages
	 */
	public RedirectPages withSuccessRedirect(URI location) {
		Assert.notNull(location, "'location' must not be null");
		Assert.isTrue(location.isAbsolute(), "'location' must be an absolute URI");
		return new RedirectPages(this.successHtml, location, this.errorHtml, this.errorRedirect);
	}

	/**
	 * Return pages that show the given HTML after a failed sign-in. The placeholders
	 * {@code {error}} and {@code {error_description}} are replaced by the HTML-escaped
	 * error code and description.
	 * @param html the complete HTML document
	 * @return new pages
	 */
	public RedirectPages withErrorHtml(String html) {
		Assert.notNull(html, "'html' must not be null");
		return new RedirectPages(this.successHtml, this.successRedirect, html, null);
	}

	/**
	 * Return pages that redirect the browser to the given URL after a failed sign-in,
	 * with the {@code error} and {@code error_description} query parameters appended.
	 * @param location the URL to redirect to
	 * @return new pages
	 */
	public RedirectPages withErrorRedirect(URI location) {
		Assert.notNull(location, "'location' must not be null");
		Assert.isTrue(location.isAbsolute(), "'location' must be an absolute URI");
		return new RedirectPages(this.successHtml, this.successRedirect, this.errorHtml, location);
	}

	/**
	 * Return where to redirect the browser after a successful sign-in.
	 * @return the URL, or {@code null} to show {@link #successHtml()}
	 */
	@Nullable URI successRedirect() {
		return this.successRedirect;
	}

	/**
	 * Return the HTML to show after a successful sign-in.
	 * @return the HTML
	 */
	String successHtml() {
		return this.successHtml;
	}

	/**
	 * Return where to redirect the browser after the identity provider reported an error.
	 * @param error the error code
	 * @param description the error description, if any
	 * @return the URL with the error appended, or {@code null} to show
	 * {@link #errorHtml(String, String)}
	 */
	@Nullable URI errorRedirect(String error, @Nullable String description) {
		if (this.errorRedirect == null) {
			return null;
		}
		String location = this.errorRedirect.toString();
		int hash = location.indexOf('#');
		String fragment = (hash != -1) ? location.substring(hash) : "";
		String base = (hash != -1) ? location.substring(0, hash) : location;
		StringBuilder query = new StringBuilder((base.indexOf('?') != -1) ? "&" : "?");
		query.append("error=").append(URLEncoder.encode(error, StandardCharsets.UTF_8));
		if (description != null) {
			query.append("&error_description=").append(URLEncoder.encode(description, StandardCharsets.UTF_8));
		}
		return URI.create(base + query + fragment);
	}

	/**
	 * Return the HTML to show after a failed sign-in.
	 * @param error the error code
	 * @param description the error description, if any
	 * @return the HTML with the error and description escaped
	 */
	String errorHtml(String error, @Nullable String description) {
		return this.errorHtml.replace(ERROR_PLACEHOLDER, escape(error))
			.replace(ERROR_DESCRIPTION_PLACEHOLDER, (description != null) ? escape(description) : "");
	}

	/**
	 * Return a page in the style of the default pages, for responses that are not about
	 * the outcome of the sign-in (a request to an unknown path, for example).
	 * @param title the title and heading
	 * @param message the message, plain text
	 * @return the HTML
	 */
	static String messagePage(String title, String message) {
		return page(escape(title), "<p>" + escape(message) + "</p>");
	}

	static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	private static String page(String title, String body) {
		return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" + "<title>" + title
				+ "</title><style>" + STYLE + "</style></head><body><main><h1>" + title + "</h1>" + body
				+ "</main></body></html>\n";
	}

}
