package dev.desktopidentity;

/**
 * Access tokens for the signed-in user: silently when the token cache can answer (cached
 * access token, else the refresh token), interactively when it cannot. Interactive sign-in
 * opens the system browser on the identity provider's sign-in page and receives the
 * answer on a loopback redirect, with PKCE, {@code state} and {@code nonce}. However many
 * threads ask at once, the user signs in once.
 * <pre class="code">
 * &#64;Bean
 * CommandLineRunner callApi(InteractiveTokenProvider tokens, RestClient.Builder http) {
 *     return (args) -&gt; {
 *         AccessToken token = tokens.getToken(TokenRequest.forScopes("User.Read"));
 *         String me = http.build().get().uri("https://graph.microsoft.com/v1.0/me")
 *             .headers((headers) -&gt; headers.setBearerAuth(token.getTokenValue()))
 *             .retrieve().body(String.class);
 *     };
 * }
 * </pre>
 * Only an outcome that needs the user (no account, an expired or revoked refresh token,
 * missing consent, a claims challenge) leads to interactive sign-in; network and server
 * errors are thrown as {@link TokenAcquisitionException}s.
 *
 * @since 0.1.0
 */
public interface InteractiveTokenProvider {

	/**
	 * Return an access token for the default scopes ({@code identity.scopes}).
	 * @return the access token
	 * @throws TokenAcquisitionException if no token could be obtained
	 */
	default AccessToken getToken() {
		return getToken(TokenRequest.builder().build());
	}

	/**
	 * Return an access token for the given request.
	 * @param request the scopes and sign-in parameters
	 * @return the access token
	 * @throws TokenAcquisitionException if no token could be obtained
	 */
	AccessToken getToken(TokenRequest request);

}
