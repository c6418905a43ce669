/**
 * Microsoft identity platform and OpenID Connect sign-in for desktop and console
 * applications: what every application touches. {@link dev.desktopidentity.InteractiveTokenProvider}
 * hands out {@link dev.desktopidentity.AccessToken access tokens} for a
 * {@link dev.desktopidentity.TokenRequest}, signing the user in when the token cache cannot
 * answer, and throws a {@link dev.desktopidentity.TokenAcquisitionException} (or one of its
 * subclasses) when no token can be had.
 */
@NullMarked
package dev.desktopidentity;

import org.jspecify.annotations.NullMarked;
