/**
 * Bearer tokens on {@code RestClient} and {@code RestTemplate} requests to the configured
 * APIs only: {@link dev.desktopidentity.http.BearerTokenInterceptor}, the
 * {@link dev.desktopidentity.http.ProtectedResource APIs} it sends tokens to, and the request
 * factory that keeps tokens from following redirects. Token slots and challenge parsing
 * are package-private helpers.
 */
@NullMarked
package dev.desktopidentity.http;

import org.jspecify.annotations.NullMarked;
