/**
 * Auto-configuration for desktop-identity.
 */
@NullMarked
package dev.desktopidentity.autoconfigure;

import org.jspecify.annotations.NullMarked;
