/**
 * Micrometer observation of token acquisition ({@code identity.token.acquisition}).
 */
@NullMarked
package dev.desktopidentity.observation;

import org.jspecify.annotations.NullMarked;
