/**
 * The sample's {@code demo} profile: a local identity provider and a local API.
 */
@NullMarked
package dev.desktopidentity.samples.desktop.demo;

import org.jspecify.annotations.NullMarked;
