/**
 * The starter's adaptation of MSAL4J, on which sign-in, the token cache and HTTP build:
 * the {@code IHttpClient} through which MSAL4J reaches the identity provider (trust,
 * proxy, port routing, OpenID Connect adaptations), the threads it runs on, and the
 * translation of its results and failures. Public for the starter's own packages only;
 * not an API for applications, which use the MSAL4J {@code PublicClientApplication} bean
 * directly.
 */
@NullMarked
package dev.desktopidentity.msal;

import org.jspecify.annotations.NullMarked;
