package dev.desktopidentity.signin;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedirectPages}.
 */
class RedirectPagesTests {

	private final RedirectPages defaults = RedirectPages.defaults("Contoso <CLI> & Co");

	@Test
	void defaultsSuccessPageNamesApplicationEscapedAndIsSelfContained() {
		assertThat(this.defaults.successRedirect()).isNull();
		assertThat(this.defaults.successHtml()).contains("<title>Signed in</title>",
				"You have signed in to Contoso &lt;CLI&gt; &amp; Co. You can close this tab and return to the application.")
			.doesNotContain("<script", "src=", "href=", "http:", "https:", "@import");
	}

	@Test
	void defaultsErrorPageShowsErrorAndDescriptionEscaped() {
		assertThat(this.defaults.errorRedirect("access_denied", "x")).isNull();
		assertThat(this.defaults.errorHtml("access_denied", "<img src=x onerror=alert(1)> \"quoted\" 'single'"))
			.contains("<title>Sign-in failed</title>", "access_denied",
					"&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &#39;single&#39;",
					"Return to the application to try again.")
			.doesNotContain("<img", "<script");
	}

	@Test
	void errorHtmlWithoutDescriptionLeavesPlaceholderEmpty() {
		assertThat(this.defaults.withErrorHtml("[{error}|{error_description}]").errorHtml("e&", null))
			.isEqualTo("[e&amp;|]");
	}

	@Test
	void withMethodsReturnNewInstancesAndLeaveOriginalUnchanged() {
		RedirectPages custom = this.defaults.withSuccessHtml("<p>ok</p>")
			.withErrorRedirect(URI.create("https://contoso.example/failed"));
		assertThat(custom).isNotSameAs(this.defaults);
		assertThat(custom.successHtml()).isEqualTo("<p>ok</p>");
		assertThat(custom.errorRedirect("e", null)).isEqualTo(URI.create("https://contoso.example/failed?error=e"));
		assertThat(this.defaults.successHtml()).contains("Signed in");
		assertThat(this.defaults.errorRedirect("e", null)).isNull();
	}

	@Test
	void withErrorHtmlReplacesEarlierErrorRedirect() {
		RedirectPages pages = this.defaults.withErrorRedirect(URI.create("https://contoso.example/failed"))
			.withErrorHtml("<p>{error}</p>");
		assertThat(pages.errorRedirect("e", null)).isNull();
		assertThat(pages.errorHtml("e", null)).isEqualTo("<p>e</p>");
	}

	@Test
	void withSuccessRedirectThenLocation() {
		URI location = URI.create("https://contoso.example/signed-in");
		assertThat(this.defaults.withSuccessRedirect(location).successRedirect()).isEqualTo(location);
		assertThat(this.defaults.withSuccessRedirect(location).withSuccessHtml("x").successRedirect()).isNull();
	}

	@Test
	void errorRedirectAppendsEncodedParametersBeforeFragment() {
		RedirectPages pages = this.defaults.withErrorRedirect(URI.create("https://contoso.example/help?a=1#top"));
		assertThat(pages.errorRedirect("access_denied", "User said \"no\" & left"))
			.isEqualTo(URI.create("https://contoso.example/help?a=1&error=access_denied"
					+ "&error_description=User+said+%22no%22+%26+left#top"));
	}

}
