/**
 * What the samples share: the client of their API, and the {@code demo} profile, a local
 * identity provider and a local API on loopback, so that the samples run without a cloud
 * account.
 */
@NullMarked
package dev.desktopidentity.samples.demo;

import org.jspecify.annotations.NullMarked;
