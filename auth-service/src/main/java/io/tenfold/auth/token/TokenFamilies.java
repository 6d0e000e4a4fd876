package io.tenfold.auth.token;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.event.EventEnvelope;
import io.tenfold.commons.event.Topics;
import io.tenfold.commons.event.TokensRevoked;
import io.tenfold.commons.outbox.Outbox;
import io.tenfold.commons.outbox.OutboxMessage;
import io.tenfold.commons.tenant.TenantId;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The tokens that came from one authorization: its access tokens (by {@code jti}) and refresh tokens. Revoking
 * a family revokes all of them at once, and marks the access tokens revoked until they would have expired. Every
 * revocation of live access tokens leaves on {@code tenfold.auth.tokens-revoked.v1} through the outbox, in the same
 * transaction, so fhir-service and bulk-service refuse them too.
 */
@ApplicationScoped
public class TokenFamilies {

    private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);

    private final Pool pool;
    private final Outbox outbox;

    public TokenFamilies(Pool pool, Outbox outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    /** Revokes every token of an authorization; the resource servers hear of its live access tokens. */
    public void revoke(TenantId tenant, UUID familyId) {
        TenantScope.inTransaction(pool, tenant.value(), tx -> tx.preparedQuery(
                "UPDATE auth.refresh_tokens SET revoked_at = COALESCE(revoked_at, now()) WHERE tenant_id = $1 "
                        + "AND family_id = $2").execute(Tuple.of(tenant.value(), familyId))
                .chain(() -> tx.preparedQuery("INSERT INTO auth.revoked_tokens (tenant_id, jti, expires_at) "
                        + "SELECT tenant_id, jti, expires_at FROM auth.issued_tokens WHERE tenant_id = $1 "
                        + "AND family_id = $2 AND expires_at > now() ON CONFLICT DO NOTHING RETURNING jti, expires_at")
                        .execute(Tuple.of(tenant.value(), familyId)))
                .chain(rows -> {
                    List<TokensRevoked.Token> revoked = new ArrayList<>();
                    for (Row row : rows) {
                        revoked.add(new TokensRevoked.Token(row.getString("jti"),
                                row.getOffsetDateTime("expires_at").toInstant()));
                    }
                    return announce(tx, tenant.value(), revoked);
                }))
                .await().atMost(DB_TIMEOUT);
        outbox.published();
    }

    /** Revokes one access token until it would have expired, and tells the resource servers. */
    public void revokeAccessToken(String tenantKey, String jti, Instant expiresAt) {
        TenantScope.inTransaction(pool, tenantKey, tx -> tx.preparedQuery(
                "INSERT INTO auth.revoked_tokens (tenant_id, jti, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(tenantKey, jti, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC)))
                .chain(rows -> announce(tx, tenantKey, rows.rowCount() == 0 ? List.of()
                        : List.of(new TokensRevoked.Token(jti, expiresAt)))))
                .await().atMost(DB_TIMEOUT);
        outbox.published();
    }

    private Uni<Void> announce(SqlConnection tx, String tenantKey, List<TokensRevoked.Token> revoked) {
        if (revoked.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        EventEnvelope envelope = EventEnvelope.of(TokensRevoked.TYPE, tenantKey, null,
                new TokensRevoked(tenantKey, revoked));
        return outbox.append(tx, OutboxMessage.event(Topics.TOKENS_REVOKED, tenantKey, envelope)).replaceWithVoid();
    }

    public boolean isRevoked(String tenantKey, String jti) {
        return TenantScope.inTransaction(pool, tenantKey, tx -> tx.preparedQuery(
                "SELECT 1 FROM auth.revoked_tokens WHERE tenant_id = $1 AND jti = $2")
                .execute(Tuple.of(tenantKey, jti))).await().atMost(DB_TIMEOUT).size() > 0;
    }
}
