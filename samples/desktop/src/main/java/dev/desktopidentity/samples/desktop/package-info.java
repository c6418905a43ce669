/**
 * Swing application that signs the user in and calls an API.
 */
@NullMarked
package dev.desktopidentity.samples.desktop;

import org.jspecify.annotations.NullMarked;
