package dev.desktopidentity.test;

import java.net.URI;

import com.nimbusds.oauth2.sdk.ResponseMode;
import org.jspecify.annotations.Nullable;

/**
 * Where and how an authorization response goes: a verified redirect URI of a known
 * client, the response mode and the state to return.
 *
 * @param clientId the client id
 * @param redirectUri the verified redirect URI
 * @param responseMode {@code query}, {@code fragment} or {@code form_post}
 * @param state the state parameter, or {@code null}
 */
record RedirectTarget(String clientId, URI redirectUri, ResponseMode responseMode, @Nullable String state) {

}
