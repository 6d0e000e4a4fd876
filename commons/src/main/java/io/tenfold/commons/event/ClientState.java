package io.tenfold.commons.event;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Payload of {@code client.state.v1} on {@link Topics#CLIENTS}: a registered client as the authorization
 * servers use it, flattened from Smartbox's {@code Client} shape.
 *
 * @param type {@code smart-app}, {@code patient-facing-smart-app}, {@code provider-facing-smart-app},
 *        {@code backend-service} or {@code operator}
 * @param secretHash argon2id hash of the client secret, or null for public and asymmetric clients
 * @param jwks the registered JSON Web Key Set (JSON text), or null
 * @param jwksUri where the client publishes its keys, or null
 * @param scope the most this client may ever be granted (space-separated scopes), or null for no limit
 * @param accessTokenLifetime seconds
 * @param refreshTokenLifetime seconds, 0 for no expiry beyond the grant's
 */
@RegisterForReflection
public record ClientState(String id, String tenantId, String type, String name, boolean active,
        List<String> grantTypes, List<String> redirectUris, boolean pkceRequired, boolean secretRequired,
        String secretHash, boolean refreshTokens, long accessTokenLifetime, long refreshTokenLifetime,
        String launchUri, String scope, String jwks, String jwksUri, long version) {

    public static final String TYPE = "client.state.v1";
}
