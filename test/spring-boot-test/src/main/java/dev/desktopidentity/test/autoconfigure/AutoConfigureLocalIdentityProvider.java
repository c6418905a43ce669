package dev.desktopidentity.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.ScriptedUser;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Annotation for a {@code @SpringBootTest} class whose application signs in with
 * desktop-identity: the application signs in against a {@link LocalIdentityProvider} on
 * loopback instead of the real identity provider, and a {@link ScriptedUser} plays the
 * browser.
 * <p>
 * For each application context (so once for all the test classes that share one), a
 * provider is started with the users named here and closed with the context. The
 * application is pointed at it: {@code identity.authority} and
 * {@code identity.authority-kind} (and {@code identity.tenant-id} back to its default),
 * instance discovery off, an SSL bundle that trusts the
 * provider's certificate ({@code identity.ssl-bundle}), and a token cache in a temporary
 * directory as a plain file ({@code identity.cache.location},
 * {@code identity.cache.protection=none}), deleted with the context;
 * {@code identity.client-id} is {@code desktop-identity-test} unless the application sets
 * one. Properties of the test ({@code @SpringBootTest(properties = ...)},
 * {@code @TestPropertySource}) take precedence over these.
 * <p>
 * Sign-in is scripted: a {@link ScriptedBrowser} bean, which is the application's
 * {@code BrowserLauncher}, has the scripted user sign in on the page the application opens,
 * and enters every device code the provider issues. The user is the one named by
 * {@link #username()}, unless a test says otherwise with
 * {@link ScriptedBrowser#setUser(ScriptedUser)} or {@link ScriptedBrowser#signInAs(String)}.
 * After each test method, every account is signed out of the token cache (see
 * {@link #signOutAfterEachTest()}), the browser plays the default user again, and the
 * faults injected into the provider and its log of requests are cleared. The provider's
 * own state (users, consents, refresh tokens) and the browser's cookies last as long as
 * the context, as a real browser's do: a user who signed in before may be offered the
 * account picker rather than the password page.
 * <p>
 * A test method (or constructor) can take the {@link ScriptedBrowser}, the default
 * {@link ScriptedUser} and the {@link LocalIdentityProvider} as parameters; they are also
 * beans, for {@code @Autowired} fields.
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;AutoConfigureLocalIdentityProvider(username = "alice@contoso.test", password = "Passw0rd!")
 * class SignInTests {
 *
 *     &#64;Test
 *     void tokenWhenSignedOutThenUserSignsIn(&#64;Autowired InteractiveTokenProvider tokens, ScriptedBrowser browser) {
 *         assertThat(tokens.getToken().getAccount().username()).isEqualTo("alice@contoso.test");
 *         assertThat(browser.getSignInCount()).isEqualTo(1);
 *     }
 *
 * }
 * </pre>
 *
 * @since 0.1.0
 * @see ScriptedBrowser
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LocalIdentityProviderParameterResolver.class)
public @interface AutoConfigureLocalIdentityProvider {

	/**
	 * Default user name of the scripted user.
	 */
	String DEFAULT_USERNAME = "user@desktop-identity.test";

	/**
	 * Default password of the scripted user.
	 */
	String DEFAULT_PASSWORD = "user-password";

	/**
	 * User name of the user the scripted browser signs in as, a user of the provider.
	 * @return the user name
	 */
	String username() default DEFAULT_USERNAME;

	/**
	 * Password of that user.
	 * @return the password
	 */
	String password() default DEFAULT_PASSWORD;

	/**
	 * Display name of that user, the {@code name} claim of its tokens.
	 * @return the display name
	 */
	String displayName() default "Test User";

	/**
	 * Further users of the provider, for tests that sign in as someone else with
	 * {@link ScriptedBrowser#signInAs(String)}.
	 * @return the users
	 */
	User[] users() default {};

	/**
	 * Whether users have consented to every scope already. When {@code false}, the
	 * consent page shows the first time a user signs in with new scopes, and the scripted
	 * user accepts unless told otherwise ({@link ScriptedUser#declineConsent()}).
	 * @return whether consent is pre-granted
	 */
	boolean consentPreGranted() default true;

	/**
	 * Whether the provider behaves as a standards-following OpenID Connect issuer (such
	 * as Keycloak) rather than as the Microsoft identity platform; the application is
	 * then configured with {@code identity.authority-kind=oidc}.
	 * @return whether the provider is a strict OpenID Connect issuer
	 * @see dev.desktopidentity.test.LocalIdentityProviderBuilder#strictOidc(boolean)
	 */
	boolean strictOidc() default false;

	/**
	 * Whether every account is signed out of the application's token cache after each
	 * test method, so that each test starts signed out.
	 * @return whether to sign out after each test
	 */
	boolean signOutAfterEachTest() default true;

	/**
	 * A further user of the provider.
	 *
	 * @since 0.1.0
	 */
	@Target({})
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface User {

		/**
		 * User name, such as {@code bob@contoso.test}.
		 * @return the user name
		 */
		String username();

		/**
		 * Password.
		 * @return the password
		 */
		String password();

		/**
		 * Display name; the user name when empty.
		 * @return the display name
		 */
		String displayName() default "";

	}

}
