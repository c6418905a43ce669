package dev.desktopidentity.architecture.violations.cycle.cache;

import dev.desktopidentity.architecture.violations.cycle.signin.SignInUsingCache;

/**
 * The cache uses sign-in back: a cycle.
 */
public class CacheUsingSignIn {

	SignInUsingCache signIn() {
		return new SignInUsingCache();
	}

}
