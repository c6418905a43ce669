package dev.desktopidentity.architecture.violations.layering.cache;

import dev.desktopidentity.architecture.violations.layering.autoconfigure.Settings;

/**
 * A library package that reaches into auto-configuration.
 */
public class CacheUsingAutoConfiguration {

	Settings settings = new Settings();

}
