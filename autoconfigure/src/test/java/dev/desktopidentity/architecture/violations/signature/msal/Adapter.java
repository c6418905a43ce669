package dev.desktopidentity.architecture.violations.signature.msal;

/**
 * Stands for an adapter type, public for the starter's own packages.
 */
public class Adapter {

}
