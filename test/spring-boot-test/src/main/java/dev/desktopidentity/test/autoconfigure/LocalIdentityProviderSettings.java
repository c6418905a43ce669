package dev.desktopidentity.test.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.LocalIdentityProviderBuilder;

/**
 * What {@link AutoConfigureLocalIdentityProvider} says, as a value: test classes with
 * equal settings share their application context, and so their provider.
 *
 * @param users the users, the scripted user first
 * @param consentPreGranted whether consent is pre-granted
 * @param strictOidc whether the provider is a strict OpenID Connect issuer
 * @param signOutAfterEachTest whether to sign out after each test method
 */
record LocalIdentityProviderSettings(List<UserSettings> users, boolean consentPreGranted, boolean strictOidc,
		boolean signOutAfterEachTest) {

	/**
	 * The device code polling interval: MSAL4J waits this long between polls, so short
	 * is fast.
	 */
	static final Duration POLLING_INTERVAL = Duration.ofSeconds(1);

	static LocalIdentityProviderSettings of(AutoConfigureLocalIdentityProvider annotation) {
		List<UserSettings> users = new ArrayList<>();
		users.add(UserSettings.of(annotation.username(), annotation.password(), annotation.displayName()));
		for (AutoConfigureLocalIdentityProvider.User user : annotation.users()) {
			users.add(UserSettings.of(user.username(), user.password(), user.displayName()));
		}
		Map<String, UserSettings> byName = new LinkedHashMap<>();
		for (UserSettings user : users) {
			if (byName.putIfAbsent(user.username().toLowerCase(Locale.ROOT), user) != null) {
				throw new IllegalStateException("@AutoConfigureLocalIdentityProvider names the user " + user.username()
						+ " twice; give each user of the provider a user name of its own");
			}
		}
		return new LocalIdentityProviderSettings(List.copyOf(users), annotation.consentPreGranted(),
				annotation.strictOidc(), annotation.signOutAfterEachTest());
	}

	UserSettings scriptedUser() {
		return this.users.get(0);
	}

	LocalIdentityProvider startProvider() {
		LocalIdentityProviderBuilder builder = LocalIdentityProvider.builder()
			.consentPreGranted(this.consentPreGranted)
			.strictOidc(this.strictOidc)
			.deviceCodePollingInterval(POLLING_INTERVAL);
		this.users.forEach((user) -> builder.user(user.username(), user.password(), user.displayName()));
		return builder.start();
	}

	/**
	 * A user of the provider.
	 *
	 * @param username the user name
	 * @param password the password
	 * @param displayName the display name
	 */
	record UserSettings(String username, String password, String displayName) {

		static UserSettings of(String username, String password, String displayName) {
			if (username.isBlank() || password.isEmpty()) {
				throw new IllegalStateException("Every user of @AutoConfigureLocalIdentityProvider needs a user name "
						+ "and a password; got user name '" + username + "'");
			}
			return new UserSettings(username.strip(), password, displayName.isBlank() ? username.strip() : displayName);
		}

		@Override
		public String toString() {
			return "UserSettings[username=" + this.username + "]";
		}

	}

}
