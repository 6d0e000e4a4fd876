package io.tenfold.auth.token;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.tenfold.commons.db.BlockingTx;
import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.security.Tokens;
import io.tenfold.commons.tenant.TenantId;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Refresh tokens: random, stored hashed, rotated on every use. A used token presented again means it was
 * stolen (or the app is broken): the whole family is revoked.
 */
@ApplicationScoped
public class RefreshTokens {

    private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);

    /** A refresh token's record. */
    public record Refresh(UUID familyId, String audience, String clientId, String userId, String scope,
            JsonObject context, Instant expiresAt, boolean used, boolean revoked) {

        public boolean expired() {
            return expiresAt != null && expiresAt.isBefore(Instant.now());
        }
    }

    private final Pool pool;

    public RefreshTokens(Pool pool) {
        this.pool = pool;
    }

    /** A refresh token to store with the access token it comes with. */
    public record NewRefresh(String audience, String clientId, String userId, String scope, JsonObject context,
            Instant expiresAt) {
    }

    /**
     * Records an issued access token in its family and, if asked, a new refresh token of that family, in the
     * caller's transaction (the two inserts pipelined); yields the refresh token (or null).
     */
    public String record(BlockingTx tx, TenantId tenant, UUID familyId, String accessJti, Instant accessExpiresAt,
            NewRefresh refresh) {
        List<String> sql = new ArrayList<>(2);
        List<Tuple> params = new ArrayList<>(2);
        sql.add("INSERT INTO auth.issued_tokens (tenant_id, jti, family_id, expires_at) VALUES ($1, $2, $3, $4)");
        params.add(Tuple.of(tenant.value(), accessJti, familyId, OffsetDateTime.ofInstant(accessExpiresAt,
                ZoneOffset.UTC)));
        String token = null;
        if (refresh != null) {
            token = Tokens.random();
            sql.add("INSERT INTO auth.refresh_tokens (tenant_id, token_hash, family_id, audience, client_id, user_id, "
                    + "scope, context, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
            params.add(Tuple.tuple().addValue(tenant.value()).addValue(Tokens.digest(token)).addValue(familyId)
                    .addValue(refresh.audience()).addValue(refresh.clientId()).addValue(refresh.userId())
                    .addValue(refresh.scope()).addValue(refresh.context())
                    .addValue(refresh.expiresAt() == null ? null
                            : OffsetDateTime.ofInstant(refresh.expiresAt(), ZoneOffset.UTC)));
        }
        tx.executeAll(sql, params);
        return token;
    }

    /**
     * Marks a refresh token used, in the caller's transaction, and yields its record as it was before (so a reuse
     * shows as {@code used}).
     */
    public Optional<Refresh> use(BlockingTx tx, TenantId tenant, String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        Tuple key = Tuple.of(tenant.value(), Tokens.digest(token));
        // Read (and lock) the row as it is, then mark it used: two primary-key statements, pipelined.
        return tx.executeAll(List.of(
                "SELECT *, used_at AS before FROM auth.refresh_tokens WHERE tenant_id = $1 AND token_hash = $2 "
                        + "FOR UPDATE",
                "UPDATE auth.refresh_tokens SET used_at = now() WHERE tenant_id = $1 AND token_hash = $2 "
                        + "AND used_at IS NULL"), List.of(key, key), 0)
                .stream().findFirst().map(row -> refresh(row, "before"));
    }

    /** A refresh token's record without using it (introspection, revocation). */
    public Optional<Refresh> peek(TenantId tenant, String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return TenantScope.inTransaction(pool, tenant.value(), tx -> tx.preparedQuery(
                "SELECT *, used_at AS before FROM auth.refresh_tokens WHERE tenant_id = $1 AND token_hash = $2")
                .execute(Tuple.of(tenant.value(), Tokens.digest(token))))
                .await().atMost(DB_TIMEOUT).stream().findFirst().map(row -> refresh(row, "before"));
    }

    private static Refresh refresh(Row row, String usedColumn) {
        OffsetDateTime expires = row.getOffsetDateTime("expires_at");
        return new Refresh(row.getUUID("family_id"), row.getString("audience"), row.getString("client_id"),
                row.getString("user_id"), row.getString("scope"), row.getJsonObject("context"),
                expires == null ? null : expires.toInstant(), row.getOffsetDateTime(usedColumn) != null,
                row.getOffsetDateTime("revoked_at") != null);
    }
}
