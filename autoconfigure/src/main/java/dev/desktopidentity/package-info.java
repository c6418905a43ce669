/**
 * Microsoft identity platform and OpenID Connect sign-in for desktop and console
 * applications: the API that applications use.
 */
@NullMarked
package dev.desktopidentity;

import org.jspecify.annotations.NullMarked;
