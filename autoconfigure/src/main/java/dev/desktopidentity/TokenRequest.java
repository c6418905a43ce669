package dev.desktopidentity;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What to ask the identity provider for: the scopes and, for interactive sign-in, the
 * parameters of the authorization request. Immutable.
 * <pre class="code">
 * TokenRequest request = TokenRequest.builder()
 *     .scopes("User.Read")
 *     .extraScopesToConsent("Calendars.Read")
 *     .loginHint("alice@contoso.com")
 *     .build();
 * </pre>
 *
 * @since 0.1.0
 */
public final class TokenRequest {

	private static final Set<String> RESERVED_PARAMETERS = Set.of("client_id", "redirect_uri", "response_type",
			"response_mode", "scope", "state", "nonce", "code_challenge", "code_challenge_method", "prompt", "login_hint",
			"domain_hint", "claims");

	private final Set<String> scopes;

	private final @Nullable String claims;

	private final @Nullable Prompt prompt;

	private final @Nullable String loginHint;

	private final @Nullable String domainHint;

	private final Set<String> extraScopesToConsent;

	private final Map<String, String> extraQueryParameters;

	private final boolean forceRefresh;

	private final boolean silentOnly;

	private TokenRequest(Builder builder) {
		this.scopes = Collections.unmodifiableSet(new LinkedHashSet<>(builder.scopes));
		this.claims = builder.claims;
		this.prompt = builder.prompt;
		this.loginHint = builder.loginHint;
		this.domainHint = builder.domainHint;
		this.extraScopesToConsent = Collections.unmodifiableSet(new LinkedHashSet<>(builder.extraScopesToConsent));
		this.extraQueryParameters = Collections.unmodifiableMap(new LinkedHashMap<>(builder.extraQueryParameters));
		this.forceRefresh = builder.forceRefresh;
		this.silentOnly = builder.silentOnly;
	}

	/**
	 * Return a request for the given scopes and nothing else.
	 * @param scopes the scopes
	 * @return the request
	 */
	public static TokenRequest forScopes(String... scopes) {
		return builder().scopes(scopes).build();
	}

	/**
	 * Return a new builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return a builder that starts from this request.
	 * @return the builder
	 */
	public Builder mutate() {
		Builder builder = new Builder();
		builder.scopes.addAll(this.scopes);
		builder.claims = this.claims;
		builder.prompt = this.prompt;
		builder.loginHint = this.loginHint;
		builder.domainHint = this.domainHint;
		builder.extraScopesToConsent.addAll(this.extraScopesToConsent);
		builder.extraQueryParameters.putAll(this.extraQueryParameters);
		builder.forceRefresh = this.forceRefresh;
		builder.silentOnly = this.silentOnly;
		return builder;
	}

	/**
	 * Return the scopes the token is for; empty for the configured default scopes.
	 * @return the scopes
	 */
	public Set<String> getScopes() {
		return this.scopes;
	}

	/**
	 * Return the claims request, a JSON object such as a claims challenge from an API.
	 * @return the claims, or {@code null}
	 */
	public @Nullable String getClaims() {
		return this.claims;
	}

	/**
	 * Return what to ask of the user if sign-in is interactive.
	 * @return the prompt, or {@code null} for {@link Prompt#SELECT_ACCOUNT}
	 */
	public @Nullable Prompt getPrompt() {
		return this.prompt;
	}

	/**
	 * Return the user name to fill in on the sign-in page.
	 * @return the login hint, or {@code null}
	 */
	public @Nullable String getLoginHint() {
		return this.loginHint;
	}

	/**
	 * Return the domain (or {@code consumers} / {@code organizations}) that sends the user
	 * straight to their identity provider.
	 * @return the domain hint, or {@code null}
	 */
	public @Nullable String getDomainHint() {
		return this.domainHint;
	}

	/**
	 * Return scopes the user consents to in the same sign-in, for later use; the token
	 * returned is for {@link #getScopes()} only.
	 * @return the extra scopes
	 */
	public Set<String> getExtraScopesToConsent() {
		return this.extraScopesToConsent;
	}

	/**
	 * Return additional parameters of the authorization request.
	 * @return the parameters
	 */
	public Map<String, String> getExtraQueryParameters() {
		return this.extraQueryParameters;
	}

	/**
	 * Return whether silent acquisition must get a new access token from the identity
	 * provider rather than one from the token cache, for example after an API rejected
	 * the cached one as {@code invalid_token}.
	 * @return whether to bypass cached access tokens
	 * @since 0.1.0
	 */
	public boolean isForceRefresh() {
		return this.forceRefresh;
	}

	/**
	 * Return whether the token may only come from the cache or the refresh token: when the
	 * user would have to sign in, an {@link InteractionRequiredException} is thrown
	 * instead. For status commands and background work.
	 * @return whether interactive sign-in is ruled out
	 */
	public boolean isSilentOnly() {
		return this.silentOnly;
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		if (this == obj) {
			return true;
		}
		if (!(obj instanceof TokenRequest other)) {
			return false;
		}
		return this.scopes.equals(other.scopes) && Objects.equals(this.claims, other.claims)
				&& this.prompt == other.prompt && Objects.equals(this.loginHint, other.loginHint)
				&& Objects.equals(this.domainHint, other.domainHint)
				&& this.extraScopesToConsent.equals(other.extraScopesToConsent)
				&& this.extraQueryParameters.equals(other.extraQueryParameters) && this.forceRefresh == other.forceRefresh
				&& this.silentOnly == other.silentOnly;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.scopes, this.claims, this.prompt, this.loginHint, this.domainHint,
				this.extraScopesToConsent, this.extraQueryParameters, this.forceRefresh,
				this.silentOnly);
	}

	@Override
	public String toString() {
		return "TokenRequest[scopes=" + this.scopes + ", prompt=" + this.prompt + ", loginHint=" + this.loginHint
				+ ", domainHint=" + this.domainHint + ", extraScopesToConsent=" + this.extraScopesToConsent
				+ ", claims=" + ((this.claims != null) ? "present" : "none") + ", extraQueryParameters="
				+ this.extraQueryParameters.keySet() + ", forceRefresh=" + this.forceRefresh + ", silentOnly="
				+ this.silentOnly + "]";
	}

	/**
	 * Builder for {@link TokenRequest}.
	 */
	public static final class Builder {

		private final Set<String> scopes = new LinkedHashSet<>();

		private @Nullable String claims;

		private @Nullable Prompt prompt;

		private @Nullable String loginHint;

		private @Nullable String domainHint;

		private final Set<String> extraScopesToConsent = new LinkedHashSet<>();

		private final Map<String, String> extraQueryParameters = new LinkedHashMap<>();

		private boolean forceRefresh;

		private boolean silentOnly;

		private Builder() {
		}

		/**
		 * Set the scopes, replacing any set before.
		 * @param scopes the scopes
		 * @return this builder
		 */
		public Builder scopes(String... scopes) {
			return scopes(Arrays.asList(scopes));
		}

		/**
		 * Set the scopes, replacing any set before.
		 * @param scopes the scopes
		 * @return this builder
		 */
		public Builder scopes(Collection<String> scopes) {
			this.scopes.clear();
			scopes.forEach((scope) -> this.scopes.add(checkScope(scope)));
			return this;
		}

		/**
		 * Set the claims request (a JSON object), for example a claims challenge from
		 * continuous access evaluation.
		 * @param claims the claims JSON
		 * @return this builder
		 */
		public Builder claims(@Nullable String claims) {
			Assert.isTrue(claims == null || claims.strip().startsWith("{"), "'claims' must be a JSON object");
			this.claims = claims;
			return this;
		}

		/**
		 * Set what to ask of the user if sign-in is interactive.
		 * @param prompt the prompt
		 * @return this builder
		 */
		public Builder prompt(@Nullable Prompt prompt) {
			this.prompt = prompt;
			return this;
		}

		/**
		 * Set the user name to fill in on the sign-in page.
		 * @param loginHint the user name
		 * @return this builder
		 */
		public Builder loginHint(@Nullable String loginHint) {
			this.loginHint = loginHint;
			return this;
		}

		/**
		 * Set the domain hint.
		 * @param domainHint the domain, {@code consumers} or {@code organizations}
		 * @return this builder
		 */
		public Builder domainHint(@Nullable String domainHint) {
			this.domainHint = domainHint;
			return this;
		}

		/**
		 * Set scopes to consent to in the same sign-in.
		 * @param scopes the scopes
		 * @return this builder
		 */
		public Builder extraScopesToConsent(String... scopes) {
			this.extraScopesToConsent.clear();
			Arrays.stream(scopes).forEach((scope) -> this.extraScopesToConsent.add(checkScope(scope)));
			return this;
		}

		/**
		 * Add a parameter to the authorization request.
		 * @param name the parameter name; not one the sign-in flow sets itself
		 * @param value the value
		 * @return this builder
		 */
		public Builder extraQueryParameter(String name, String value) {
			Assert.hasText(name, "'name' must not be empty");
			Assert.notNull(value, "'value' must not be null");
			Assert.isTrue(!RESERVED_PARAMETERS.contains(name),
					() -> "'" + name + "' is set by the sign-in flow; use the builder method for it");
			this.extraQueryParameters.put(name, value);
			return this;
		}

		/**
		 * Set whether silent acquisition must get a new access token from the identity
		 * provider rather than one from the token cache.
		 * @param forceRefresh whether to bypass cached access tokens
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder forceRefresh(boolean forceRefresh) {
			this.forceRefresh = forceRefresh;
			return this;
		}

		/**
		 * Rule out interactive sign-in: the token comes from the cache or the refresh
		 * token, else an {@link InteractionRequiredException} is thrown.
		 * @return this builder
		 */
		public Builder silentOnly() {
			this.silentOnly = true;
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 */
		public TokenRequest build() {
			return new TokenRequest(this);
		}

		private static String checkScope(String scope) {
			Assert.isTrue(scope != null && !scope.isBlank() && !scope.strip().contains(" "),
					"each scope must be one non-empty word");
			return scope.strip();
		}

	}

}
