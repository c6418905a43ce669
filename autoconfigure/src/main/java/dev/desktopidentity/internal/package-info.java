/**
 * Internals of desktop-identity; not for use by applications.
 */
@NullMarked
package dev.desktopidentity.internal;

import org.jspecify.annotations.NullMarked;
