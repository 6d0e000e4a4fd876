package io.tenfold.auth.consent;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.tenfold.commons.scope.ScopeSet;
import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.tenant.TenantId;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** What each user allowed each app: remembered so the user is not asked again for the same or less. */
@ApplicationScoped
public class GrantStore {

    private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);

    private final Pool pool;

    public GrantStore(Pool pool) {
        this.pool = pool;
    }

    public Optional<ScopeSet> find(TenantId tenant, String userId, String clientId, String audience) {
        return TenantScope.inTransaction(pool, tenant.value(), tx -> tx.preparedQuery(
                "SELECT scope FROM auth.grants WHERE tenant_id = $1 AND user_id = $2 AND client_id = $3 "
                        + "AND audience = $4").execute(Tuple.of(tenant.value(), userId, clientId, audience)))
                .await().atMost(DB_TIMEOUT).stream().findFirst().map(row -> ScopeSet.parse(row.getString("scope")));
    }

    public void save(TenantId tenant, String userId, String clientId, String audience, ScopeSet scope) {
        TenantScope.inTransaction(pool, tenant.value(), tx -> tx.preparedQuery(
                "INSERT INTO auth.grants (tenant_id, user_id, client_id, audience, scope) VALUES ($1, $2, $3, $4, $5) "
                        + "ON CONFLICT (tenant_id, user_id, client_id, audience) DO UPDATE SET scope = excluded.scope, "
                        + "updated_at = now()").execute(Tuple.of(tenant.value(), userId, clientId, audience,
                                scope.toString()))).await().atMost(DB_TIMEOUT);
    }
}
