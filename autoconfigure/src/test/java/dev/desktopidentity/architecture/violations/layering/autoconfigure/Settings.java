package dev.desktopidentity.architecture.violations.layering.autoconfigure;

/**
 * Stands for an auto-configuration type.
 */
public class Settings {

}
