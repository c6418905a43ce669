package dev.desktopidentity.architecture.violations.signature.signin;

import java.util.List;

import dev.desktopidentity.architecture.violations.signature.msal.Adapter;

/**
 * An application-facing type whose public signature names an adapter type.
 */
public class ApiNamingAnAdapter {

	public List<Adapter> adapters() {
		return List.of(new Adapter());
	}

}
