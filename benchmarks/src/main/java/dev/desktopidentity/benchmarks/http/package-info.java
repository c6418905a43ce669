/**
 * JMH benchmarks of the per-request cost of adding a bearer token to an HTTP request.
 */
@NullMarked
package dev.desktopidentity.benchmarks.http;

import org.jspecify.annotations.NullMarked;
