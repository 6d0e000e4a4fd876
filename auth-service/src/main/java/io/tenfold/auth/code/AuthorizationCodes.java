package io.tenfold.auth.code;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

/** Authorization codes: random, stored hashed, valid 60 seconds, usable once. */
@ApplicationScoped
public class AuthorizationCodes {

    private static final Duration LIFETIME = Duration.ofSeconds(60);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);

    /** What a code stands for. */
    public record Code(String audience, String clientId, String userId, String redirectUri, String scope,
            String nonce, String codeChallenge, JsonObject context, UUID familyId, boolean expired,
            boolean alreadyUsed) {
    }

    private final Pool pool;

    public AuthorizationCodes(Pool pool) {
        this.pool = pool;
    }

    public String issue(TenantId tenant, String audience, String clientId, String userId, String redirectUri,
            String scope, String nonce, String codeChallenge, JsonObject context) {
        String code = Tokens.random();
        Instant expires = Instant.now().plus(LIFETIME);
        TenantScope.inTransaction(pool, tenant.value(), tx -> tx.preparedQuery(
                "INSERT INTO auth.authorization_codes (tenant_id, code_hash, audience, client_id, user_id, "
                        + "redirect_uri, scope, nonce, code_challenge, context, family_id, expires_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
                .execute(Tuple.tuple().addValue(tenant.value()).addValue(Tokens.digest(code)).addValue(audience)
                        .addValue(clientId).addValue(userId).addValue(redirectUri).addValue(scope).addValue(nonce)
                        .addValue(codeChallenge).addValue(context).addValue(UUID.randomUUID())
                        .addValue(OffsetDateTime.ofInstant(expires, ZoneOffset.UTC))))
                .await().atMost(DB_TIMEOUT);
        return code;
    }

    /**
     * Marks a code used and yields what it stands for; a code that was used before is yielded with
     * {@code alreadyUsed} (so its tokens can be revoked), an unknown one not at all.
     */
    public Optional<Code> redeem(BlockingTx tx, TenantId tenant, String code) {
        if (code == null || code.length() > 100) {
            return Optional.empty();
        }
        Tuple key = Tuple.of(tenant.value(), Tokens.digest(code));
        // Read (and lock) the row as it is, then mark it used: two primary-key statements, pipelined.
        return tx.executeAll(List.of(
                "SELECT *, used_at AS before FROM auth.authorization_codes WHERE tenant_id = $1 AND code_hash = $2 "
                        + "FOR UPDATE",
                "UPDATE auth.authorization_codes SET used_at = now() WHERE tenant_id = $1 AND code_hash = $2 "
                        + "AND used_at IS NULL"), List.of(key, key), 0)
                .stream().findFirst().map(AuthorizationCodes::code);
    }

    private static Code code(Row row) {
        return new Code(row.getString("audience"), row.getString("client_id"), row.getString("user_id"),
                row.getString("redirect_uri"), row.getString("scope"), row.getString("nonce"),
                row.getString("code_challenge"), row.getJsonObject("context"), row.getUUID("family_id"),
                row.getOffsetDateTime("expires_at").toInstant().isBefore(Instant.now()),
                row.getOffsetDateTime("before") != null);
    }
}
