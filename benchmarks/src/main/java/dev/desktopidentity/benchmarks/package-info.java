/**
 * JMH benchmarks of desktop-identity.
 */
@NullMarked
package dev.desktopidentity.benchmarks;

import org.jspecify.annotations.NullMarked;
