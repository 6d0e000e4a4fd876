package io.tenfold.commons.security.smart;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.properties.IfBuildProperty;

/**
 * Ids ({@code jti}) of access tokens revoked before they expire, kept until they would have expired anyway: a
 * small set, checked on every token this replica verifies.
 */
@ApplicationScoped
@IfBuildProperty(name = ProtectedApi.ENABLED, stringValue = "true")
public class RevokedTokens {

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final VerifiedTokens verified;

    public RevokedTokens(VerifiedTokens verified) {
        this.verified = verified;
    }

    public boolean isRevoked(String tokenId) {
        return revoked.containsKey(tokenId);
    }

    /**
     * Revokes tokens (by {@code jti}, with when each expires): one pass over the verified-token cache and one prune
     * of the expired ids for the whole lot, however many an authorization had.
     */
    public void revoke(Map<String, Instant> tokens) {
        Instant now = Instant.now();
        tokens.forEach((tokenId, expiresAt) -> {
            if (expiresAt.isAfter(now)) {
                revoked.put(tokenId, expiresAt);
            }
        });
        verified.forgetTokenIds(tokens.keySet());
        revoked.values().removeIf(expiry -> expiry.isBefore(now));
    }
}
