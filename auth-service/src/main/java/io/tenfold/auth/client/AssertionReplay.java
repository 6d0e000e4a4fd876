package io.tenfold.auth.client;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.tenfold.commons.db.TenantScope;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Remembers the {@code jti} of every client assertion until it expires, so that none is accepted twice. */
@ApplicationScoped
public class AssertionReplay {

    private final Pool pool;

    public AssertionReplay(Pool pool) {
        this.pool = pool;
    }

    /** Records the assertion; false if it was used before. */
    public boolean firstUse(String tenantId, String clientId, String jti, Instant expiresAt) {
        return TenantScope.inTransaction(pool, tenantId, tx -> tx.preparedQuery(
                "INSERT INTO auth.used_assertions (tenant_id, client_id, jti, expires_at) VALUES ($1, $2, $3, $4) "
                        + "ON CONFLICT DO NOTHING")
                .execute(Tuple.of(tenantId, clientId, jti, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC))))
                .map(rows -> rows.rowCount() == 1)
                .await().atMost(Duration.ofSeconds(10));
    }
}
