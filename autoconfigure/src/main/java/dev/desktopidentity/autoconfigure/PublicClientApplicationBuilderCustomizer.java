package dev.desktopidentity.autoconfigure;

import com.microsoft.aad.msal4j.PublicClientApplication;

/**
 * Callback that customizes the {@link PublicClientApplication.Builder} from which the
 * auto-configured {@link PublicClientApplication} is built, after the {@code identity.*}
 * properties have been applied. Customizers run in {@link org.springframework.core.Ordered
 * order}.
 * <pre class="code">
 * &#64;Bean
 * PublicClientApplicationBuilderCustomizer applicationName() {
 *     return (builder) -&gt; builder.applicationName("contoso-cli").applicationVersion("2.1.0");
 * }
 * </pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface PublicClientApplicationBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder to customize
	 */
	void customize(PublicClientApplication.Builder builder);

}
