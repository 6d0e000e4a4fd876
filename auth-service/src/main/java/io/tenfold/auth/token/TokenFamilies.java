package io.tenfold.auth.token;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.tenant.TenantId;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The tokens that came from one authorization: its access tokens (by {@code jti}) and refresh tokens. Revoking
 * a family revokes all of them at once, and marks the access tokens revoked until they would have expired.
 */
@ApplicationScoped
public class TokenFamilies {

    private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);

    private final Pool pool;

    public TokenFamilies(Pool pool) {
        this.pool = pool;
    }

    public void revoke(TenantId tenant, UUID familyId) {
        TenantScope.inTransaction(pool, tenant.value(), tx -> tx.preparedQuery(
                "UPDATE auth.refresh_tokens SET revoked_at = COALESCE(revoked_at, now()) WHERE tenant_id = $1 "
                        + "AND family_id = $2").execute(Tuple.of(tenant.value(), familyId))
                .chain(() -> tx.preparedQuery("INSERT INTO auth.revoked_tokens (tenant_id, jti, expires_at) "
                        + "SELECT tenant_id, jti, expires_at FROM auth.issued_tokens WHERE tenant_id = $1 "
                        + "AND family_id = $2 AND expires_at > now() ON CONFLICT DO NOTHING")
                        .execute(Tuple.of(tenant.value(), familyId))))
                .await().atMost(DB_TIMEOUT);
    }

    /** Revokes one access token until it would have expired. */
    public void revokeAccessToken(String tenantKey, String jti, Instant expiresAt) {
        TenantScope.inTransaction(pool, tenantKey, tx -> tx.preparedQuery(
                "INSERT INTO auth.revoked_tokens (tenant_id, jti, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(tenantKey, jti, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC))))
                .await().atMost(DB_TIMEOUT);
    }

    public boolean isRevoked(String tenantKey, String jti) {
        return TenantScope.inTransaction(pool, tenantKey, tx -> tx.preparedQuery(
                "SELECT 1 FROM auth.revoked_tokens WHERE tenant_id = $1 AND jti = $2")
                .execute(Tuple.of(tenantKey, jti))).await().atMost(DB_TIMEOUT).size() > 0;
    }
}
