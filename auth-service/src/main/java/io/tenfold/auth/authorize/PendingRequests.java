package io.tenfold.auth.authorize;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.security.Tokens;
import io.tenfold.commons.tenant.TenantId;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Authorization requests between /authorize and the code, kept server-side for ten minutes. The browser holds
 * only the request's random id; the login and consent forms also post back a CSRF token bound to the request
 * (a synchronizer token, compared in constant time).
 */
@ApplicationScoped
public class PendingRequests {

    private static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);

    /** A stored request's handles: its id (for URLs) and its CSRF token (for forms). */
    public record Handle(String id, String csrf) {
    }

    private final Pool pool;

    public PendingRequests(Pool pool) {
        this.pool = pool;
    }

    public Handle create(TenantId tenant, PendingRequest request) {
        String id = Tokens.random();
        String csrf = Tokens.random();
        Instant expires = Instant.now().plus(LIFETIME);
        TenantScope.inTransaction(pool, tenant.value(), tx -> tx.preparedQuery(
                "INSERT INTO auth.authorization_requests (tenant_id, id_hash, audience, client_id, redirect_uri, "
                        + "scope, state, nonce, code_challenge, launch_context, csrf_hash, user_id, expires_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)")
                .execute(Tuple.tuple().addValue(tenant.value()).addValue(Tokens.digest(id))
                        .addValue(request.audience()).addValue(request.clientId()).addValue(request.redirectUri())
                        .addValue(request.scope()).addValue(request.state()).addValue(request.nonce())
                        .addValue(request.codeChallenge()).addValue(request.launchContext())
                        .addValue(Tokens.digest(csrf)).addValue(request.userId())
                        .addValue(OffsetDateTime.ofInstant(expires, ZoneOffset.UTC))))
                .await().atMost(DB_TIMEOUT);
        return new Handle(id, csrf);
    }

    /** The live request with this id, if any. */
    public Optional<PendingRequest> find(TenantId tenant, String id) {
        return row(tenant, id).map(PendingRequests::request);
    }

    /** Whether a posted CSRF token is the request's. */
    public boolean csrfMatches(TenantId tenant, String id, String csrf) {
        if (csrf == null) {
            return false;
        }
        return row(tenant, id).map(row -> MessageDigest.isEqual(
                row.getString("csrf_hash").getBytes(StandardCharsets.US_ASCII),
                Tokens.digest(csrf).getBytes(StandardCharsets.US_ASCII))).orElse(false);
    }

    /** A fresh CSRF token for a request (each page render gets one; the previous one stops working). */
    public String renewCsrf(TenantId tenant, String id) {
        String csrf = Tokens.random();
        update(tenant, id, "csrf_hash = $3", Tokens.digest(csrf));
        return csrf;
    }

    public void attachUser(TenantId tenant, String id, String userId) {
        update(tenant, id, "user_id = $3", userId);
    }

    public void delete(TenantId tenant, String id) {
        TenantScope.inTransaction(pool, tenant.value(), tx -> tx.preparedQuery(
                "DELETE FROM auth.authorization_requests WHERE tenant_id = $1 AND id_hash = $2")
                .execute(Tuple.of(tenant.value(), Tokens.digest(id)))).await().atMost(DB_TIMEOUT);
    }

    private void update(TenantId tenant, String id, String assignment, String value) {
        TenantScope.inTransaction(pool, tenant.value(), tx -> tx.preparedQuery(
                "UPDATE auth.authorization_requests SET " + assignment + " WHERE tenant_id = $1 AND id_hash = $2")
                .execute(Tuple.of(tenant.value(), Tokens.digest(id), value))).await().atMost(DB_TIMEOUT);
    }

    private Optional<Row> row(TenantId tenant, String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        return TenantScope.inTransaction(pool, tenant.value(), tx -> tx.preparedQuery(
                "SELECT * FROM auth.authorization_requests WHERE tenant_id = $1 AND id_hash = $2 "
                        + "AND expires_at > now()").execute(Tuple.of(tenant.value(), Tokens.digest(id))))
                .await().atMost(DB_TIMEOUT).stream().findFirst();
    }

    private static PendingRequest request(Row row) {
        return new PendingRequest(row.getString("audience"), row.getString("client_id"),
                row.getString("redirect_uri"), row.getString("scope"), row.getString("state"),
                row.getString("nonce"), row.getString("code_challenge"), row.getJsonObject("launch_context"),
                row.getString("user_id"));
    }
}
