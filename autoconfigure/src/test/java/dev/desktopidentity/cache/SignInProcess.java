package dev.desktopidentity.cache;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.InteractiveRequestParameters;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.SilentParameters;
import com.microsoft.aad.msal4j.SystemBrowserOptions;
import dev.desktopidentity.msal.IdentityProviderHttpClient;
import dev.desktopidentity.msal.MsalSignedInAccounts;
import dev.desktopidentity.msal.RefreshTokenRevocation;

/**
 * Main class of the child JVMs that sign in against the test's local identity provider
 * with a real {@link PersistentTokenCache}, as a separate run of an application would.
 * Prints what the test checks, one fact a line; never a token, only its SHA-256.
 * <p>
 * Arguments: command ({@code sign-in}, {@code silent}, {@code token} (silent when there
 * is an account, else sign in, as an application does), {@code sign-out},
 * {@code accounts}), cache directory, protection mode, whether unprotected files are
 * allowed, authority, PEM file of the provider's certificate.
 */
final class SignInProcess {

	static final String CLIENT_ID = "desktop-identity-cache-test";

	static final Set<String> SCOPES = Set.of("api://local-test/read");

	private SignInProcess() {
	}

	public static void main(String[] args) throws Exception {
		String command = args[0];
		Path directory = Path.of(args[1]);
		PersistentTokenCache cache = new PersistentTokenCache(directory, CLIENT_ID,
				CacheProtection.valueOf(args[2]), Boolean.parseBoolean(args[3]));
		String authority = args[4];
		PublicClientApplication application = PublicClientApplication.builder(CLIENT_ID)
			.authority(authority)
			.instanceDiscovery(false)
			.sslSocketFactory(trusting(Path.of(args[5])).getSocketFactory())
			.setTokenCacheAccessAspect(cache)
			.build();
		try {
			switch (command) {
				case "sign-in" -> signIn(application, cache);
				case "silent" -> silent(application, authority);
				case "token" -> {
					if (application.getAccounts().join().isEmpty()) {
						signIn(application, cache);
					}
					else {
						silent(application, authority);
					}
				}
				case "sign-out" -> signOut(application, cache);
				case "accounts" -> System.out.println("ACCOUNTS " + application.getAccounts().join().size());
				default -> throw new IllegalArgumentException(command);
			}
		}
		catch (Exception ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			System.out.println("FAILED " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
		}
		System.out.println("STATUS " + cache.status().protection());
		System.exit(0);
	}

	private static void signIn(PublicClientApplication application, PersistentTokenCache cache) throws Exception {
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		SystemBrowserOptions browser = SystemBrowserOptions.builder().openBrowserAction((url) -> {
			System.out.println("OPEN " + url);
			try {
				in.readLine();
			}
			catch (java.io.IOException ex) {
				throw new IllegalStateException(ex);
			}
		}).build();
		IAuthenticationResult result = application
			.acquireToken(InteractiveRequestParameters.builder(URI.create("http://localhost"))
				.scopes(SCOPES)
				.systemBrowserOptions(browser)
				.build())
			.get(60, TimeUnit.SECONDS);
		System.out.println("SIGNED_IN " + result.account().username());
		System.out.println("TOKEN_SHA256 " + sha256(result.accessToken()));
		Path file = cache.directory().resolve(PersistentTokenCache.ENCRYPTED_FILE);
		if (Files.exists(file)) {
			String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
			System.out.println("ENCRYPTED_FILE " + content.startsWith("DIC1"));
			System.out.println("FILE_HAS_TOKEN " + content.contains(result.accessToken()));
			System.out.println("FILE_HAS_USERNAME " + content.contains(result.account().username()));
		}
	}

	private static void silent(PublicClientApplication application, String authority) throws Exception {
		Set<IAccount> accounts = application.getAccounts().join();
		System.out.println("ACCOUNTS " + accounts.size());
		IAuthenticationResult result = application
			.acquireTokenSilently(
					SilentParameters.builder(SCOPES, accounts.iterator().next()).authorityUrl(authority).build())
			.get(30, TimeUnit.SECONDS);
		System.out.println("TOKEN_SHA256 " + sha256(result.accessToken()));
	}

	private static void signOut(PublicClientApplication application, PersistentTokenCache cache) throws Exception {
		new MsalSignedInAccounts(application, RememberedAccount.inMemory(), cache::status,
				RefreshTokenRevocation.of(new IdentityProviderHttpClient(java.net.http.HttpClient.newHttpClient(),
						java.time.Duration.ofSeconds(5), URI.create(application.authority()))))
			.signOutAll();
		System.out.println("ACCOUNTS " + application.getAccounts().join().size());
		SecretKey key = new CacheKeySource(
				OsSecretStores.forCurrentPlatform(CLIENT_ID, cache.directory().toAbsolutePath()),
				java.time.Duration.ofSeconds(3))
			.find();
		byte[] content = Files.readAllBytes(cache.directory().resolve(PersistentTokenCache.ENCRYPTED_FILE));
		String json = CacheCodec.encrypted(key).decode(content);
		System.out.println("CREDENTIALS_AFTER_SIGN_OUT " + count(json, "\"credential_type\""));
		System.out.println("ACCOUNTS_IN_FILE " + count(json, "\"home_account_id\""));
	}

	private static int count(String text, String part) {
		Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

	static String sha256(String text) throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(digest);
	}

	private static SSLContext trusting(Path pem) throws Exception {
		KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
		trustStore.load(null, null);
		trustStore.setCertificateEntry("provider", CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem))));
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trustStore);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

}
