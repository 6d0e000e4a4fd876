package io.tenfold.auth.authorize;

import io.vertx.core.json.JsonObject;

/**
 * An /authorize request waiting for the user: who asked (client, redirect), for what (scope), under which
 * protections (state, nonce, PKCE challenge), in which launch context, and, once known, for which user.
 */
public record PendingRequest(String audience, String clientId, String redirectUri, String scope, String state,
        String nonce, String codeChallenge, JsonObject launchContext, String userId) {
}
