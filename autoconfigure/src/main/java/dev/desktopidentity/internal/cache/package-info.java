/**
 * Persistent MSAL4J token cache: files, cross-process lock, encryption and the
 * operating system's secret store. Internals of desktop-identity; not for use by
 * applications.
 */
@NullMarked
package dev.desktopidentity.internal.cache;

import org.jspecify.annotations.NullMarked;
