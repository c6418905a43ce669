package dev.desktopidentity.msal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;

import com.microsoft.aad.msal4j.IHttpClient;
import dev.desktopidentity.cache.RevocationOutcome;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Revokes refresh tokens at the identity provider when accounts sign out (RFC 7009):
 * where its discovery document advertises a {@code revocation_endpoint}, each refresh
 * token is posted there, with {@code token_type_hint=refresh_token} and the client ID,
 * over the starter's {@link IdentityProviderHttpClient}, and to nowhere else. Microsoft
 * Entra ID offers no revocation endpoint: there, signing out is local only, and the
 * outcome says so. Tokens are never logged.
 */
public final class RefreshTokenRevocation {

	private static final Log logger = LogFactory.getLog(RefreshTokenRevocation.class);

	private static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

	private final @Nullable IdentityProviderHttpClient client;

	private final String notOffered;

	private RefreshTokenRevocation(@Nullable IdentityProviderHttpClient client, String notOffered) {
		this.client = client;
		this.notOffered = notOffered;
	}

	/**
	 * Return the revocation that the given client can carry out: an OpenID Connect
	 * authority's, when it is the starter's {@link IdentityProviderHttpClient}.
	 * @param httpClient the client through which MSAL4J reaches the identity provider
	 * @return the revocation
	 */
	public static RefreshTokenRevocation of(IHttpClient httpClient) {
		Assert.notNull(httpClient, "'httpClient' must not be null");
		if (!(httpClient instanceof IdentityProviderHttpClient client)) {
			return new RefreshTokenRevocation(null, "the application replaced the starter's IHttpClient, through "
					+ "which revocation requests would go");
		}
		if (!client.isOidc()) {
			return new RefreshTokenRevocation(null, "Microsoft Entra ID offers no token revocation");
		}
		return new RefreshTokenRevocation(client, "");
	}

	/**
	 * Revoke refresh tokens.
	 * @param clientId the client ID the tokens were issued to
	 * @param refreshTokens the tokens, possibly none
	 * @return the outcome, with what the user should know of it
	 */
	Result revoke(String clientId, List<String> refreshTokens) {
		if (refreshTokens.isEmpty()) {
			return new Result(RevocationOutcome.NOTHING_TO_REVOKE, "there was no refresh token to revoke");
		}
		IdentityProviderHttpClient http = this.client;
		if (http == null) {
			return new Result(RevocationOutcome.NOT_OFFERED, this.notOffered);
		}
		String host = http.authority().getHost() + ((http.authority().getPort() != -1)
				? ":" + http.authority().getPort() : "");
		try {
			URI endpoint = revocationEndpoint(http);
			if (endpoint == null) {
				return new Result(RevocationOutcome.NOT_OFFERED, OidcAdaptations.display(http.authority())
						+ " advertises no revocation_endpoint in its discovery document");
			}
			for (String token : refreshTokens) {
				String body = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
						+ "&token_type_hint=refresh_token&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8);
				OidcAdaptations.Fetched answer = http.postForm(endpoint, body);
				if (answer.status() != 200) {
					return new Result(RevocationOutcome.FAILED, host + " answered the revocation request with HTTP "
							+ answer.status() + error(answer.body()));
				}
			}
			return new Result(RevocationOutcome.REVOKED, host + " revoked the refresh token");
		}
		catch (ProviderExchangeException ex) {
			return failed(host, ex.problem());
		}
		catch (IOException ex) {
			return failed(host, ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return failed(host, "interrupted");
		}
	}

	private static Result failed(String host, String reason) {
		logger.debug("Revoking the refresh token at " + host + " failed: " + reason);
		return new Result(RevocationOutcome.FAILED, "revoking the refresh token at " + host + " failed: " + reason);
	}

	private static @Nullable URI revocationEndpoint(IdentityProviderHttpClient http)
			throws IOException, InterruptedException {
		URI discovery = URI.create(OidcAdaptations.display(http.authority()) + DISCOVERY_PATH);
		OidcAdaptations.Fetched document = http.get(discovery);
		if (document.status() != 200) {
			throw new ProviderExchangeException("its discovery document " + discovery + " answered HTTP "
					+ document.status(), null, "discovery_failed", null);
		}
		try {
			String endpoint = ProviderJson.string(ProviderJson.parse(document.body()), "revocation_endpoint");
			if (endpoint == null) {
				return null;
			}
			URI uri = URI.create(endpoint);
			if (!"https".equalsIgnoreCase(uri.getScheme())) {
				throw new ProviderExchangeException("its revocation_endpoint " + endpoint + " is not https", null,
						"discovery_failed", null);
			}
			return uri;
		}
		catch (ParseException | IllegalArgumentException ex) {
			throw new ProviderExchangeException("its discovery document " + discovery + " could not be read", null,
					"discovery_failed", ex);
		}
	}

	private static String error(String body) {
		String error = ProviderJson.stringMember(body, "error");
		return (error != null) ? " (" + error + ")" : "";
	}

	/**
	 * The outcome of a revocation.
	 *
	 * @param outcome what became of the tokens
	 * @param detail what happened, in a few words, naming the host
	 */
	record Result(RevocationOutcome outcome, String detail) {

	}

}
