package io.tenfold.auth.policy;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.tenfold.commons.db.TenantScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Whether an access policy of the tenant links a client or user: a client no policy links gets no token. */
@ApplicationScoped
public class AccessPolicies {

    private final Pool pool;

    public AccessPolicies(Pool pool) {
        this.pool = pool;
    }

    public boolean linked(String tenantId, String resourceType, String id) {
        JsonArray link = new JsonArray().add(new JsonObject().put("resourceType", resourceType).put("id", id));
        return TenantScope.inTransaction(pool, tenantId, tx -> tx.preparedQuery(
                "SELECT 1 FROM auth.registry_state WHERE tenant_id = $1 AND kind = 'access-policy' AND NOT deleted "
                        + "AND state -> 'links' @> $2 LIMIT 1").execute(Tuple.of(tenantId, link)))
                .map(rows -> rows.size() > 0)
                .await().atMost(Duration.ofSeconds(10));
    }
}
