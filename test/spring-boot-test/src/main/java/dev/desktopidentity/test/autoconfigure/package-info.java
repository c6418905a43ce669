/**
 * Test support for applications that use desktop-identity:
 * {@link dev.desktopidentity.test.autoconfigure.AutoConfigureLocalIdentityProvider} makes a
 * {@code @SpringBootTest} sign in against a local identity provider, with a scripted user
 * playing the browser.
 */
@NullMarked
package dev.desktopidentity.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
