package dev.desktopidentity.benchmarks.http;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.PublicClientApplication;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.autoconfigure.IdentityAutoConfiguration;
import dev.desktopidentity.signin.BrowserLauncher;
import dev.desktopidentity.signin.ConsoleSignInNotifier;
import dev.desktopidentity.signin.SignInNotifier;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.ScriptedUser;

import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * An MSAL4J application, as the starter configures it, with the starter's persistent token
 * cache (a plain file, as with {@code identity.cache.protection=none}) and
 * a signed-in account whose access token is in the cache: signed in once against the
 * local identity provider on loopback, by a scripted user.
 */
final class SignedInMsalApplication implements AutoCloseable {

	static final String SCOPE = "api://local-test/read";

	private final LocalIdentityProvider provider;

	private final AnnotationConfigApplicationContext context;

	private final Path cacheDirectory;

	private final PublicClientApplication application;

	private final IAccount account;

	SignedInMsalApplication() throws Exception {
		this(true);
	}

	/**
	 * Sign in once.
	 * @param persistentCache whether the token cache is the starter's persistent one (else
	 * {@code identity.cache.enabled=false})
	 */
	SignedInMsalApplication(boolean persistentCache) throws Exception {
		this.provider = LocalIdentityProvider.builder().user("alice@contoso.test", "Passw0rd!", "Alice Example").start();
		this.cacheDirectory = Files.createTempDirectory("msal-cache");
		ScriptedUser alice = ScriptedUser.of(this.provider, "alice@contoso.test", "Passw0rd!");
		this.context = new AnnotationConfigApplicationContext();
		Map<String, Object> properties = new java.util.LinkedHashMap<>(this.provider.springProperties("idp"));
		properties.put("identity.client-id", "benchmark-client");
		properties.put("identity.scopes", SCOPE);
		properties.put("identity.interactive.mode", "browser");
		properties.put("identity.cache.location", this.cacheDirectory.toString());
		properties.put("identity.cache.protection", "none");
		properties.put("identity.cache.enabled", persistentCache);
		this.context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("benchmark", properties));
		this.context.registerBean(BrowserLauncher.class,
				() -> (url) -> CompletableFuture.runAsync(() -> alice.signIn(url).deliver()));
		this.context.registerBean(SignInNotifier.class,
				() -> new ConsoleSignInNotifier(new PrintStream(OutputStream.nullOutputStream()), false));
		this.context.register(IdentityAutoConfiguration.class, SslAutoConfiguration.class);
		this.context.refresh();
		this.context.getBean(InteractiveTokenProvider.class).getToken();
		this.application = this.context.getBean(PublicClientApplication.class);
		this.account = this.application.getAccounts().join().iterator().next();
	}

	InteractiveTokenProvider provider() {
		return this.context.getBean(InteractiveTokenProvider.class);
	}

	PublicClientApplication application() {
		return this.application;
	}

	IAccount account() {
		return this.account;
	}

	Set<String> scopes() {
		return Set.of(SCOPE);
	}

	@Override
	public void close() throws Exception {
		this.context.close();
		this.provider.close();
		FileSystemUtils.deleteRecursively(this.cacheDirectory);
	}

}
