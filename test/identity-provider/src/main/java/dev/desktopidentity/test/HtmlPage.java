package dev.desktopidentity.test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A tolerant reading of one of the provider's pages: its {@code data-page} name, title,
 * error alert and forms with their fields and buttons. It reads the provider's own markup;
 * it is no general HTML parser.
 */
final class HtmlPage {

	private static final Pattern PAGE = Pattern.compile("<main\\b[^>]*\\bdata-page=\"([^\"]*)\"");

	private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL);

	private static final Pattern ALERT = Pattern.compile("<p\\b[^>]*role=\"alert\"[^>]*>(.*?)</p>", Pattern.DOTALL);

	private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL);

	private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>");

	private static final Pattern BUTTON = Pattern.compile("<button\\b([^>]*)>(.*?)</button>", Pattern.DOTALL);

	private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_:][-a-zA-Z0-9_:.]*)\\s*=\\s*\"([^\"]*)\"");

	private static final Pattern TAG = Pattern.compile("<[^>]*>");

	private final int status;

	private final String kind;

	private final String title;

	private final @Nullable String error;

	private final List<Form> forms;

	private HtmlPage(int status, String kind, String title, @Nullable String error, List<Form> forms) {
		this.status = status;
		this.kind = kind;
		this.title = title;
		this.error = error;
		this.forms = forms;
	}

	static HtmlPage of(HttpResponse<String> response) {
		String html = response.body();
		List<Form> forms = new ArrayList<>();
		Matcher form = FORM.matcher(html);
		while (form.find()) {
			forms.add(Form.of(response.uri(), attributes(form.group(1)), form.group(2)));
		}
		return new HtmlPage(response.statusCode(), first(PAGE, html, ""), first(TITLE, html, ""),
				first(ALERT, html, null), forms);
	}

	private static @Nullable String first(Pattern pattern, String html, @Nullable String otherwise) {
		Matcher matcher = pattern.matcher(html);
		return matcher.find() ? text(matcher.group(1)) : otherwise;
	}

	static String text(String markup) {
		return unescape(TAG.matcher(markup).replaceAll(" ")).replaceAll("\\s+", " ").trim();
	}

	private static Map<String, String> attributes(String tag) {
		Map<String, String> attributes = new LinkedHashMap<>();
		Matcher matcher = ATTRIBUTE.matcher(tag);
		while (matcher.find()) {
			attributes.put(matcher.group(1).toLowerCase(Locale.ROOT), unescape(matcher.group(2)));
		}
		return attributes;
	}

	private static String unescape(String text) {
		return text.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&quot;", "\"")
			.replace("&#39;", "'")
			.replace("&#x27;", "'")
			.replace("&amp;", "&");
	}

	String kind() {
		return this.kind;
	}

	@Nullable String error() {
		return this.error;
	}

	/**
	 * Return the only form of the page.
	 * @return the form
	 * @throws IllegalStateException when the page has no form
	 */
	Form form() {
		if (this.forms.isEmpty()) {
			throw new IllegalStateException("The page " + this + " has no form");
		}
		return this.forms.get(0);
	}

	@Override
	public String toString() {
		return "'" + this.title + "' (HTTP " + this.status + ((this.error != null) ? ", \"" + this.error + "\"" : "")
				+ ")";
	}

	/**
	 * A form: where it posts, its input values and its submit buttons.
	 *
	 * @param action the absolute action URI
	 * @param fields the input values by name
	 * @param buttons the buttons
	 */
	record Form(URI action, Map<String, String> fields, List<Button> buttons) {

		static Form of(URI page, Map<String, String> attributes, String content) {
			URI action = page.resolve(attributes.getOrDefault("action", page.toString()));
			Map<String, String> fields = new LinkedHashMap<>();
			Matcher input = INPUT.matcher(content);
			while (input.find()) {
				Map<String, String> inputAttributes = attributes(input.group(1));
				String name = inputAttributes.get("name");
				if (name != null) {
					fields.put(name, inputAttributes.getOrDefault("value", ""));
				}
			}
			List<Button> buttons = new ArrayList<>();
			Matcher button = BUTTON.matcher(content);
			while (button.find()) {
				Map<String, String> buttonAttributes = attributes(button.group(1));
				buttons.add(new Button(buttonAttributes.get("name"), buttonAttributes.getOrDefault("value", ""),
						text(button.group(2))));
			}
			return new Form(action, fields, buttons);
		}

		/**
		 * Return the fields to submit with some values changed and a button pressed.
		 * @param values the values to set
		 * @param button the button, or {@code null}
		 * @return the form parameters
		 */
		Map<String, String> submission(Map<String, String> values, @Nullable Button button) {
			Map<String, String> submission = new LinkedHashMap<>(this.fields);
			submission.putAll(values);
			if (button != null && button.name() != null) {
				submission.put(button.name(), button.value());
			}
			return submission;
		}

		@Nullable Button button(String name, String value) {
			return this.buttons.stream()
				.filter((button) -> name.equals(button.name()) && value.equalsIgnoreCase(button.value()))
				.findFirst()
				.orElse(null);
		}

		List<String> values(String buttonName) {
			return this.buttons.stream().filter((button) -> buttonName.equals(button.name())).map(Button::value).toList();
		}

		@Override
		public String toString() {
			return "Form[action=" + this.action + ", fields=" + this.fields.keySet() + "]";
		}

	}

	/**
	 * A submit button.
	 *
	 * @param name the name, or {@code null}
	 * @param value the value
	 * @param text the label
	 */
	record Button(@Nullable String name, String value, String text) {

	}

}
