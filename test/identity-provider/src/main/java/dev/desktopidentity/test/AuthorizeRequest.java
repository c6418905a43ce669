package dev.desktopidentity.test;

import java.util.List;
import java.util.Map;

import com.nimbusds.openid.connect.sdk.Prompt;
import org.jspecify.annotations.Nullable;

/**
 * A validated authorization request, kept on the server for the length of the sign-in.
 *
 * @param target where the response goes
 * @param tenant the tenant path segment
 * @param scopes the requested scopes
 * @param codeChallenge the S256 PKCE challenge
 * @param nonce the nonce, or {@code null}
 * @param prompt the prompt, or {@code null}
 * @param loginHint the login hint, or {@code null}
 * @param domainHint the domain hint, or {@code null}
 * @param claims the requested claims
 * @param parameters all parameters as received
 */
record AuthorizeRequest(RedirectTarget target, String tenant, List<String> scopes, String codeChallenge,
		@Nullable String nonce, @Nullable Prompt prompt, @Nullable String loginHint, @Nullable String domainHint,
		RequestedClaims claims, Map<String, String> parameters) {

	boolean prompts(Prompt.Type type) {
		return this.prompt != null && this.prompt.contains(type);
	}

}
