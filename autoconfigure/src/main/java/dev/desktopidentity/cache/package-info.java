/**
 * The persistent, protected token cache shared by the application's processes
 * ({@link dev.desktopidentity.cache.PersistentTokenCache}), the account that silent
 * sign-in uses ({@link dev.desktopidentity.cache.RememberedAccount}) and the accounts in the
 * cache ({@link dev.desktopidentity.cache.SignedInAccounts}). The file, lock, encryption and
 * secret-store machinery are package-private helpers.
 */
@NullMarked
package dev.desktopidentity.cache;

import org.jspecify.annotations.NullMarked;
