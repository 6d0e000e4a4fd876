package io.tenfold.fhir.security;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ids ({@code jti}) of access tokens revoked before they expire, kept until they would have expired anyway: a
 * small set, checked on every token this replica verifies.
 */
@ApplicationScoped
public class RevokedTokens {

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final VerifiedTokens verified;

    public RevokedTokens(VerifiedTokens verified) {
        this.verified = verified;
    }

    public boolean isRevoked(String tokenId) {
        return revoked.containsKey(tokenId);
    }

    public void revoke(String tokenId, Instant expiresAt) {
        if (expiresAt.isAfter(Instant.now())) {
            revoked.put(tokenId, expiresAt);
        }
        verified.forgetTokenId(tokenId);
        Instant now = Instant.now();
        revoked.values().removeIf(expiry -> expiry.isBefore(now));
    }
}
