/**
 * The startup steps tool: runs an app with Spring's startup steps recorded and prints each
 * step's self time, for the startup benchmark's harness to compare.
 */
@NullMarked
package dev.desktopidentity.benchmarks.startup.steps;

import org.jspecify.annotations.NullMarked;
