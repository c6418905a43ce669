/**
 * Test support for desktop-identity applications: a {@link dev.desktopidentity.test.LocalIdentityProvider
 * local identity provider} that serves the Microsoft identity platform v2 endpoints used by MSAL4J over
 * HTTPS on loopback, and a {@link dev.desktopidentity.test.ScriptedUser scripted user} that signs in
 * through its pages without a browser.
 */
@NullMarked
package dev.desktopidentity.test;

import org.jspecify.annotations.NullMarked;
