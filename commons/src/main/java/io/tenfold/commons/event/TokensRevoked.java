package io.tenfold.commons.event;

import java.time.Instant;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Payload of {@code auth.tokens-revoked.v1} events on {@link Topics#TOKENS_REVOKED}: access tokens of a tenant
 * revoked before they expire (one token at {@code /revoke}, or every token of an authorization: a revoked refresh
 * token, a replayed code or refresh token). The resource servers refuse them until {@code expiresAt}. Ids only,
 * never a token.
 */
@RegisterForReflection
public record TokensRevoked(String tenantId, List<Token> tokens) {

    public static final String TYPE = "auth.tokens-revoked.v1";

    /** One revoked access token: its {@code jti} and when it would have expired. */
    @RegisterForReflection
    public record Token(String jti, Instant expiresAt) {
    }
}
