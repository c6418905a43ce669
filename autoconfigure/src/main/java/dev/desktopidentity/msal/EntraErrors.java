package dev.desktopidentity.msal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The Microsoft Entra errors a desktop application meets, by their {@code AADSTS} codes,
 * each with what it means and one sentence of what to do. The README's troubleshooting
 * table is generated from these entries and checked against them by a test.
 */
final class EntraErrors {

	private static final Pattern CODE = Pattern.compile("AADSTS(\\d+)");

	private static final List<Entry> ENTRIES = List.of(
			new Entry(List.of(50011, 500113), "Redirect URI mismatch",
					"The redirect URI the app sent is not registered for the app.",
					"In the Microsoft Entra admin center, open App registrations > your app > Authentication and add "
							+ "the platform 'Mobile and desktop applications' with the redirect URI http://localhost, "
							+ "or set identity.interactive.redirect-uri to the loopback URI you registered."),
			new Entry(List.of(9002327), "Redirect URI registered as a single-page application",
					"The redirect URI is registered under 'Single-page application', whose tokens only a browser may "
							+ "redeem.",
					"Move the redirect URI to the platform 'Mobile and desktop applications' in App registrations > "
							+ "your app > Authentication."),
			new Entry(List.of(700016), "Application not found in the tenant",
					"identity.client-id is not an application registered in the tenant being signed in to.",
					"Check identity.client-id (the 'Application (client) ID' on the app's Overview page) and "
							+ "identity.tenant-id: a single-tenant app signs in to its own tenant, not to 'common'."),
			new Entry(List.of(50194), "Single-tenant app signed in through 'common'",
					"The app is registered for its own tenant only, and sign-in went to 'common' or 'organizations'.",
					"Set identity.tenant-id to the app's 'Directory (tenant) ID', or make the app multi-tenant under "
							+ "App registrations > your app > Authentication > Supported account types."),
			new Entry(List.of(7000218), "Public client flows disabled",
					"The app registration does not allow public client flows, which device code sign-in needs.",
					"Set 'Allow public client flows' to Yes under App registrations > your app > Authentication > "
							+ "Advanced settings."),
			new Entry(List.of(65001), "Consent required",
					"The user or an administrator has not consented to the permissions the app asks for.",
					"Sign in interactively with Prompt.CONSENT so that the user can consent, or have an administrator "
							+ "grant consent under App registrations > your app > API permissions."),
			new Entry(List.of(65004), "Consent declined", "The user declined to consent to the app's permissions.",
					"Sign in again and accept the permissions, or ask an administrator to grant consent for the "
							+ "organization."),
			new Entry(List.of(50076, 50079, 50074), "Multi-factor authentication required",
					"Multi-factor authentication is required, or must be registered first.",
					"Sign in interactively (identity.interactive.mode auto, browser or device-code) and complete the "
							+ "second factor; with identity.interactive.mode=none, sign in once interactively first."),
			new Entry(List.of(53003), "Blocked by Conditional Access",
					"A Conditional Access policy blocks this sign-in.",
					"Ask your administrator which Conditional Access policy applies (the Microsoft Entra sign-in logs "
							+ "show it), or sign in from a device, network or location that it allows."),
			new Entry(List.of(53000, 53001), "Device not compliant",
					"A Conditional Access policy requires a compliant or managed device, and this one is not.",
					"Sign in from a device enrolled in your organization's device management (such as Intune) and "
							+ "marked compliant, or ask your administrator."),
			new Entry(List.of(50020), "User from another tenant",
					"The account is not in the app's tenant, not even as a guest.",
					"Have an administrator invite the user as a guest, or make the app multi-tenant and set "
							+ "identity.tenant-id to organizations or common."),
			new Entry(List.of(90002), "Tenant not found",
					"identity.tenant-id or identity.authority names no tenant in this cloud.",
					"Use the 'Directory (tenant) ID' from the app's Overview page, or one of the tenant's verified "
							+ "domain names, in identity.tenant-id (or in identity.authority)."),
			new Entry(List.of(70011), "Invalid scope",
					"A requested scope is not valid: an unknown value or a wrong format.",
					"Check identity.scopes, identity.resources.*.scopes and the scopes of your TokenRequests: one "
							+ "scope per entry, such as User.Read or api://<application-id>/<scope>."),
			new Entry(List.of(500011, 650057), "Invalid resource",
					"A scope names an API (resource) that does not exist in the tenant or is not among the app's "
							+ "API permissions.",
					"Check the API part of the scope (api://<application-id>/...), and add the API under App "
							+ "registrations > your app > API permissions."),
			new Entry(List.of(50105), "User not assigned",
					"The app lets only assigned users sign in, and this user is not assigned to it.",
					"Have an administrator assign the user, or a group of theirs, under Enterprise applications > "
							+ "your app > Users and groups."),
			new Entry(List.of(50173, 700082, 70043, 70008), "Refresh token revoked or expired",
					"The refresh token was revoked or has expired: a password change, a sign-out elsewhere, or "
							+ "inactivity.",
					"Sign in again: the next getToken() does so interactively, unless identity.interactive.mode is "
							+ "none."));

	private static final Map<Integer, Entry> BY_CODE;

	static {
		Map<Integer, Entry> byCode = new LinkedHashMap<>();
		for (Entry entry : ENTRIES) {
			entry.codes().forEach((code) -> byCode.put(code, entry));
		}
		BY_CODE = byCode;
	}

	private EntraErrors() {
	}

	/**
	 * Return every entry, in the README's order.
	 * @return the entries
	 */
	static List<Entry> entries() {
		return ENTRIES;
	}

	/**
	 * Return the entry of the first {@code AADSTS} code in a text, such as an
	 * {@code error_description}.
	 * @param text the text
	 * @return the entry, or {@code null} when the text names no code this class knows
	 */
	static @Nullable Entry find(@Nullable String text) {
		if (text == null) {
			return null;
		}
		Matcher matcher = CODE.matcher(text);
		while (matcher.find()) {
			try {
				Entry entry = BY_CODE.get(Integer.valueOf(matcher.group(1)));
				if (entry != null) {
					return entry;
				}
			}
			catch (NumberFormatException ex) {
				// longer than any code
			}
		}
		return null;
	}

	/**
	 * Return every code in the README's order.
	 * @return the codes
	 */
	static List<Integer> codes() {
		List<Integer> codes = new ArrayList<>();
		ENTRIES.forEach((entry) -> codes.addAll(entry.codes()));
		return codes;
	}

	/**
	 * One kind of error, with its codes.
	 *
	 * @param codes the {@code AADSTS} numbers
	 * @param title a few words, as the README's table names it
	 * @param meaning what the error means
	 * @param action one sentence of what to do
	 */
	record Entry(List<Integer> codes, String title, String meaning, String action) {

	}

}
