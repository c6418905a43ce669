package dev.desktopidentity.test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The page layout and markup helpers of the provider's HTML pages. Every page is a
 * {@code <main>} whose {@code data-page} attribute names the page, with standard form
 * markup that password managers and browser automation understand.
 */
final class Html {

	private static final String STYLE = """
			*{box-sizing:border-box}
			body{margin:0;background:#f2f2f2;color:#1b1b1b;font:15px/1.5 "Segoe UI",system-ui,-apple-system,sans-serif}
			main{max-width:440px;margin:10vh auto;padding:40px 44px;background:#fff;box-shadow:0 2px 6px rgba(0,0,0,.2)}
			.brand{margin:0 0 16px;color:#5e5e5e;font-size:13px;letter-spacing:.04em;text-transform:uppercase}
			h1{margin:0 0 12px;font-size:24px;font-weight:600}
			p{margin:0 0 12px}
			label{display:block;margin:16px 0 4px;font-weight:600}
			input[type=text],input[type=password]{width:100%;padding:8px 10px;border:1px solid #8a8a8a;font:inherit}
			input:focus{outline:2px solid #0067b8;outline-offset:0}
			.actions{display:flex;gap:8px;justify-content:flex-end;margin-top:24px}
			button{min-width:108px;padding:8px 16px;border:1px solid #0067b8;background:#0067b8;color:#fff;font:inherit;cursor:pointer}
			button.secondary{background:#ccc;border-color:#ccc;color:#1b1b1b}
			button.account{display:block;width:100%;margin:0 0 8px;padding:12px;text-align:left;background:#fff;color:#1b1b1b;border-color:#ccc}
			button.account:hover{background:#f2f2f2}
			.account .username{display:block;color:#5e5e5e;font-size:13px}
			.error{color:#a80000}
			.hint{color:#5e5e5e;font-size:13px}
			ul.scopes{padding-left:20px}
			""";

	private Html() {
	}

	static String escape(@Nullable String text) {
		if (text == null) {
			return "";
		}
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

	/**
	 * Return a complete page.
	 * @param kind the {@code data-page} name
	 * @param title the title and heading, plain text
	 * @param body the markup after the heading
	 * @return the page
	 */
	static String page(String kind, String title, String body) {
		return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + escape(title)
				+ "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n<main data-page=\"" + kind + "\">\n"
				+ "<p class=\"brand\">Local identity provider</p>\n<h1>" + escape(title) + "</h1>\n" + body
				+ "</main>\n</body>\n</html>\n";
	}

	static String paragraph(String text) {
		return "<p>" + escape(text) + "</p>\n";
	}

	static String alert(@Nullable String error) {
		return (error != null) ? "<p class=\"error\" role=\"alert\">" + escape(error) + "</p>\n" : "";
	}

	static String formStart(String action, String transactionId) {
		return "<form method=\"post\" action=\"" + escape(action) + "\">\n" + hidden("transaction", transactionId);
	}

	static String hidden(String name, String value) {
		return "<input type=\"hidden\" name=\"" + escape(name) + "\" value=\"" + escape(value) + "\">\n";
	}

	/**
	 * Return a labelled text or password input.
	 * @param name the name and id
	 * @param label the label text
	 * @param type {@code text} or {@code password}
	 * @param autocomplete the autocomplete token
	 * @param value the value, or {@code null}
	 * @return the markup
	 */
	static String input(String name, String label, String type, String autocomplete, @Nullable String value) {
		return "<label for=\"" + name + "\">" + escape(label) + "</label>\n<input id=\"" + name + "\" name=\"" + name
				+ "\" type=\"" + type + "\" autocomplete=\"" + autocomplete + "\""
				+ (type.equals("text") ? " autocapitalize=\"none\" spellcheck=\"false\"" : "") + " value=\""
				+ escape(value) + "\" required>\n";
	}

	static String button(@Nullable String name, @Nullable String value, String text, boolean primary) {
		return "<button type=\"submit\"" + ((name != null) ? " name=\"" + escape(name) + "\"" : "")
				+ ((value != null) ? " value=\"" + escape(value) + "\"" : "") + (primary ? "" : " class=\"secondary\"")
				+ ">" + escape(text) + "</button>\n";
	}

	static String errorPage(String title, String message) {
		return page("error", title, alert(message));
	}

	/**
	 * Return the page of a {@code form_post} response: a form that submits itself to the
	 * redirect URI, with a button for browsers without scripts.
	 * @param action the redirect URI
	 * @param parameters the response parameters
	 * @return the page
	 */
	static String formPost(URI action, Map<String, List<String>> parameters) {
		StringBuilder form = new StringBuilder();
		form.append("<form id=\"response\" method=\"post\" action=\"").append(escape(action.toString())).append("\">\n");
		parameters.forEach((name, values) -> values.forEach((value) -> form.append(hidden(name, value))));
		form.append("<noscript>").append(paragraph("Scripts are off: continue to the application."));
		form.append(button(null, null, "Continue", true)).append("</noscript>\n</form>\n");
		form.append("<script>document.getElementById('response').submit();</script>\n");
		return page("form-post", "Completing sign-in", form.toString());
	}

}
