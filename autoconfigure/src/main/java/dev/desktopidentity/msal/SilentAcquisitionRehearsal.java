package dev.desktopidentity.msal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ExecutorService;

import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.ITokenCacheAccessContext;
import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.SilentParameters;
import dev.desktopidentity.AccessToken;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A silent token acquisition rehearsed against a token cache made up in memory, for the
 * runs that prepare later runs rather than do work: the training run of a CDS archive or
 * an AOT cache ({@code -Dspring.context.exit=onRefresh}) and a CRaC checkpoint
 * ({@code -Dspring.context.checkpoint=onRefresh}). They end when the context is
 * refreshed, before anything asks for a token, so the classes that serving a token from
 * the cache needs (most of them MSAL4J's) would not be in the archive and would be
 * loaded from the jars on every real run.
 * <p>
 * The rehearsal builds an application of its own, for a made-up authority under
 * {@code .invalid}, whose HTTP client refuses every request: it touches no network, no
 * file, no secret store, and none of the application's beans. Its token is not a token.
 *
 * @since 0.1.0
 */
public final class SilentAcquisitionRehearsal {

	private static final String AUTHORITY_HOST = "rehearsal.desktop-identity.invalid";

	private static final String TENANT = "00000000-0000-0000-0000-0000000000aa";

	private static final String USER = "00000000-0000-0000-0000-0000000000bb";

	private static final String CLIENT_ID = "00000000-0000-0000-0000-0000000000cc";

	private static final String SCOPE = "api://desktop-identity-rehearsal/read";

	private static final String USERNAME = "rehearsal@desktop-identity.invalid";

	private SilentAcquisitionRehearsal() {
	}

	/**
	 * Get a token silently from a made-up cache, as an application does on a run that
	 * finds its token in the cache. On Java 17, the rehearsal stops short of MSAL4J's
	 * token cache: the dynamic CDS dump of Java 17 crashes on the lambdas with which
	 * MSAL4J reads its cache (they implement interfaces of azure-json, a signed jar, which
	 * CDS leaves out; JDK-8274944, fixed in Java 18).
	 * @param executor the threads MSAL4J runs the request on
	 * @return the made-up token, or {@code null} on Java 17
	 * @throws Exception if MSAL4J does not serve it from the cache
	 */
	public static @Nullable AccessToken run(ExecutorService executor) throws Exception {
		return run(executor, Runtime.version().feature() >= 18);
	}

	static @Nullable AccessToken run(ExecutorService executor, boolean withCache) throws Exception {
		Assert.notNull(executor, "'executor' must not be null");
		PublicClientApplication.Builder builder = PublicClientApplication.builder(CLIENT_ID)
			.authority("https://" + AUTHORITY_HOST + "/" + TENANT + "/")
			.validateAuthority(false)
			.instanceDiscovery(false)
			.httpClient(new NoNetwork())
			.executorService(executor);
		if (withCache) {
			builder.setTokenCacheAccessAspect(new MadeUpCache(Instant.now()));
		}
		PublicClientApplication application = builder.build();
		Set<IAccount> accounts = MsalResults.await(application.getAccounts());
		Set<String> scopes = Set.of(SCOPE);
		if (!withCache) {
			try {
				MsalResults.await(application.acquireTokenSilently(SilentParameters.builder(scopes).build()));
			}
			catch (MsalClientException ex) {
				// without a cache there is no token: anything else is a failed rehearsal
				if (!"cache_miss".equals(ex.errorCode())) {
					throw ex;
				}
			}
			return null;
		}
		IAccount account = accounts.iterator().next();
		return MsalResults.accessToken(
				MsalResults.await(application.acquireTokenSilently(SilentParameters.builder(scopes, account).build())),
				scopes);
	}

	private static final class NoNetwork implements IHttpClient {

		@Override
		public IHttpResponse send(HttpRequest request) {
			throw new IllegalStateException("The silent acquisition rehearsal sends no request");
		}

	}

	/**
	 * A cache with one account and its tokens, as MSAL4J serializes it.
	 */
	private static final class MadeUpCache implements ITokenCacheAccessAspect {

		private static final String TEMPLATE = """
				{
				  "AccessToken": { "{key}-accesstoken-{client}-{tenant}-{scope}": {
				    "home_account_id": "{account}", "environment": "{host}", "client_id": "{client}",
				    "credential_type": "AccessToken", "secret": "rehearsal", "realm": "{tenant}", "target": "{scope}",
				    "cached_at": "{issued}", "expires_on": "{expires}", "extended_expires_on": "{expires}" } },
				  "RefreshToken": { "{key}-refreshtoken-{client}--": {
				    "home_account_id": "{account}", "environment": "{host}", "client_id": "{client}",
				    "credential_type": "RefreshToken", "secret": "rehearsal" } },
				  "IdToken": { "{key}-idtoken-{client}-{tenant}-": {
				    "home_account_id": "{account}", "environment": "{host}", "client_id": "{client}",
				    "credential_type": "IdToken", "secret": "{idToken}", "realm": "{tenant}" } },
				  "Account": { "{key}-{tenant}": {
				    "home_account_id": "{account}", "environment": "{host}", "realm": "{tenant}",
				    "local_account_id": "{user}", "username": "{username}", "name": "Rehearsal",
				    "client_info": "{clientInfo}", "authority_type": "MSSTS" } },
				  "AppMetadata": {}
				}
				""";

		private static final String ID_TOKEN_CLAIMS = """
				{"iss": "https://{host}/{tenant}/v2.0", "aud": "{client}", "sub": "rehearsal", "oid": "{user}",
				 "tid": "{tenant}", "preferred_username": "{username}", "name": "Rehearsal", "ver": "2.0",
				 "iat": {issued}, "nbf": {issued}, "exp": {expires}}
				""";

		private final String json;

		MadeUpCache(Instant now) {
			long issued = now.getEpochSecond();
			String idToken = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
					+ base64(fill(ID_TOKEN_CLAIMS, issued)) + ".";
			this.json = fill(TEMPLATE, issued).replace("{idToken}", idToken)
				.replace("{clientInfo}", base64("{\"uid\":\"" + USER + "\",\"utid\":\"" + TENANT + "\"}"));
		}

		private static String fill(String template, long issued) {
			return template.replace("{key}", USER + "." + TENANT + "-" + AUTHORITY_HOST)
				.replace("{account}", USER + "." + TENANT)
				.replace("{host}", AUTHORITY_HOST)
				.replace("{tenant}", TENANT)
				.replace("{client}", CLIENT_ID)
				.replace("{user}", USER)
				.replace("{username}", USERNAME)
				.replace("{scope}", SCOPE)
				.replace("{issued}", Long.toString(issued))
				.replace("{expires}", Long.toString(issued + 86_400));
		}

		@Override
		public void beforeCacheAccess(ITokenCacheAccessContext context) {
			context.tokenCache().deserialize(this.json);
		}

		@Override
		public void afterCacheAccess(ITokenCacheAccessContext context) {
			if (context.hasCacheChanged()) {
				context.tokenCache().serialize();
			}
		}

		private static String base64(String json) {
			return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
		}

	}

}
