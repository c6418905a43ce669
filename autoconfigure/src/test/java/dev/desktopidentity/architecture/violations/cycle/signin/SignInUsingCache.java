package dev.desktopidentity.architecture.violations.cycle.signin;

import dev.desktopidentity.architecture.violations.cycle.cache.CacheUsingSignIn;

/**
 * Sign-in uses the cache, as it may.
 */
public class SignInUsingCache {

	CacheUsingSignIn cache = new CacheUsingSignIn();

}
