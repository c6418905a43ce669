package dev.desktopidentity.msal;

import java.util.Date;
import java.util.Map;
import java.util.Set;

import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.ITenantProfile;
import dev.desktopidentity.AccessToken;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MsalResults}.
 */
class MsalResultsTests {

	private static final Set<String> REQUESTED = Set.of("api://app/read");

	@Test
	void accessTokenWhenResultNamesScopesThenHasThem() {
		AccessToken token = MsalResults.accessToken(new Result(" api://app/read  api://app/write "), REQUESTED);
		assertThat(token.getScopes()).containsExactlyInAnyOrder("api://app/read", "api://app/write");
		assertThat(token.getTokenValue()).isEqualTo("token-value");
		assertThat(token.getAccount().username()).isEqualTo("alice@contoso.test");
	}

	@Test
	void accessTokenWhenResultFromCacheHasNoScopesThenHasRequestedScopes() {
		AccessToken token = MsalResults.accessToken(new Result(null), REQUESTED);
		assertThat(token.getScopes()).containsExactly("api://app/read");
	}

	private record Result(String scopes) implements IAuthenticationResult {

		@Override
		public String accessToken() {
			return "token-value";
		}

		@Override
		public String idToken() {
			return null;
		}

		@Override
		public IAccount account() {
			return new Account();
		}

		@Override
		public ITenantProfile tenantProfile() {
			return null;
		}

		@Override
		public String environment() {
			return "login.microsoftonline.com";
		}

		@Override
		public Date expiresOnDate() {
			return new Date(4102444800000L);
		}

	}

	private record Account() implements IAccount {

		@Override
		public String homeAccountId() {
			return "oid.tid";
		}

		@Override
		public String environment() {
			return "login.microsoftonline.com";
		}

		@Override
		public String username() {
			return "alice@contoso.test";
		}

		@Override
		public Map<String, ITenantProfile> getTenantProfiles() {
			return Map.of();
		}

	}

}
