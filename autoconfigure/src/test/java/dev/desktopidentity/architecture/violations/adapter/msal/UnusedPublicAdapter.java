package dev.desktopidentity.architecture.violations.adapter.msal;

/**
 * Public, but no other package uses it.
 */
public class UnusedPublicAdapter {

}
