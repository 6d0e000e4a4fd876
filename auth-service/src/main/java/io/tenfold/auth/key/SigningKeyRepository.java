package io.tenfold.auth.key;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;
import io.vertx.core.json.JsonObject;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code auth.signing_keys} table. */
@ApplicationScoped
public class SigningKeyRepository {

    private final Pool pool;

    public SigningKeyRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores a key as the active one unless the tenant and audience have one already; yields whether it did. */
    public Uni<Boolean> insertIfNoActive(SqlConnection tx, TenantId tenant, Audience audience,
            SigningKeyFactory.NewKey key) {
        return insertIfNoActive(tx, tenant.value(), audience.segment(), key);
    }

    /** The same for any issuer, the operator issuer included ({@code _global}, {@code operator}). */
    public Uni<Boolean> insertIfNoActive(SqlConnection tx, String tenantKey, String audience,
            SigningKeyFactory.NewKey key) {
        return tx.preparedQuery("INSERT INTO auth.signing_keys (tenant_id, kid, audience, alg, status, public_jwk, "
                + "private_key) VALUES ($1, $2, $3, $4, 'active', $5, $6) "
                + "ON CONFLICT (tenant_id, audience, alg) WHERE status = 'active' DO NOTHING")
                .execute(Tuple.of(tenantKey, key.kid(), audience, key.alg(),
                        new JsonObject(key.publicJwk()), Buffer.buffer(
                                key.encryptedPrivateKey())))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Whether an issuer has an active key for the algorithm. */
    public Uni<Boolean> hasActive(SqlConnection tx, String tenantKey, String audience, String alg) {
        return tx.preparedQuery("SELECT 1 FROM auth.signing_keys WHERE tenant_id = $1 AND audience = $2 "
                + "AND alg = $3 AND status = 'active'").execute(Tuple.of(tenantKey, audience, alg))
                .map(rows -> rows.size() > 0);
    }

    /** The published keys of a tenant's issuer: the active one and, during rotation, the previous one. */
    public Uni<List<JsonObject>> publishedKeys(TenantId tenant, Audience audience) {
        return publishedKeys(tenant.value(), audience.segment());
    }

    public Uni<List<JsonObject>> publishedKeys(String tenantKey, String audience) {
        return TenantScope.inTransaction(pool, tenantKey, tx -> tx.preparedQuery(
                "SELECT public_jwk FROM auth.signing_keys WHERE tenant_id = $1 AND audience = $2 "
                        + "AND status IN ('active', 'previous') ORDER BY alg, status, created_at DESC")
                .execute(Tuple.of(tenantKey, audience)))
                .map(rows -> {
                    List<JsonObject> keys = new ArrayList<>();
                    for (Row row : rows) {
                        keys.add(row.getJsonObject("public_jwk"));
                    }
                    return keys;
                });
    }

    /** The active key of an issuer for an algorithm: kid, algorithm and the encrypted private key. */
    public Uni<Row> active(String tenantKey, String audience, String alg) {
        return TenantScope.inTransaction(pool, tenantKey, tx -> tx.preparedQuery(
                "SELECT kid, alg, private_key FROM auth.signing_keys WHERE tenant_id = $1 AND audience = $2 "
                        + "AND alg = $3 AND status = 'active'").execute(Tuple.of(tenantKey, audience, alg)))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null);
    }

    /** The public key of an issuer with this kid, if it is still published (active or previous). */
    public Uni<JsonObject> publishedKey(String tenantKey, String audience, String kid) {
        return TenantScope.inTransaction(pool, tenantKey, tx -> tx.preparedQuery(
                "SELECT public_jwk FROM auth.signing_keys WHERE tenant_id = $1 AND audience = $2 AND kid = $3 "
                        + "AND status IN ('active', 'previous')").execute(Tuple.of(tenantKey, audience, kid)))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getJsonObject("public_jwk") : null);
    }

    public Uni<Void> deleteAll(SqlConnection tx, TenantId tenant) {
        return tx.preparedQuery("DELETE FROM auth.signing_keys WHERE tenant_id = $1").execute(Tuple.of(tenant.value()))
                .replaceWithVoid();
    }
}
