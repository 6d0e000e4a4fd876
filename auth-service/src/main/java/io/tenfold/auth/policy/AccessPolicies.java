package io.tenfold.auth.policy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.registry.RegistryChange;
import io.tenfold.commons.registry.RegistryListener;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Whether an access policy of the tenant links a client or user: a client no policy links gets no token. The
 * answers are cached (a token endpoint asks on every request) and dropped when any policy of the tenant changes.
 */
@ApplicationScoped
public class AccessPolicies implements RegistryListener {

    private static final long TTL_NANOS = Duration.ofMinutes(1).toNanos();

    private record Answer(boolean linked, long at) {
    }

    private final Pool pool;
    private final Map<String, Answer> cache = new ConcurrentHashMap<>();

    public AccessPolicies(Pool pool) {
        this.pool = pool;
    }

    public boolean linked(String tenantId, String resourceType, String id) {
        String key = tenantId + "/" + resourceType + "/" + id;
        Answer cached = cache.get(key);
        long now = System.nanoTime();
        if (cached != null && now - cached.at() < TTL_NANOS) {
            return cached.linked();
        }
        JsonArray link = new JsonArray().add(new JsonObject().put("resourceType", resourceType).put("id", id));
        boolean linked = TenantScope.inTransaction(pool, tenantId, tx -> tx.preparedQuery(
                "SELECT 1 FROM auth.registry_state WHERE tenant_id = $1 AND kind = 'access-policy' AND NOT deleted "
                        + "AND state -> 'links' @> $2 LIMIT 1").execute(Tuple.of(tenantId, link)))
                .map(rows -> rows.size() > 0)
                .await().atMost(Duration.ofSeconds(10));
        cache.put(key, new Answer(linked, now));
        return linked;
    }

    @Override
    public void changed(RegistryChange change) {
        if ("access-policy".equals(change.kind())) {
            String prefix = change.tenantId() + "/";
            cache.keySet().removeIf(key -> key.startsWith(prefix));
        }
    }
}
