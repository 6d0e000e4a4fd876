package io.tenfold.commons.security.smart;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.event.AccessPolicyState;
import io.tenfold.commons.event.EventCodec;
import io.tenfold.commons.registry.RegistryChange;
import io.tenfold.commons.registry.RegistryListener;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The access policies of each tenant (from this service's projection of {@code tenfold.access-policies}), held
 * in memory per tenant and reloaded when one of them changes. A request is allowed only if a policy links its
 * client (or its user); a {@code rules} policy then allows only what its rules allow, and a {@code Deny} rule of
 * any linked policy wins.
 */
@ApplicationScoped
@IfBuildProperty(name = ProtectedApi.ENABLED, stringValue = "true")
public class AccessPolicies implements RegistryListener {

    private static final Duration MAX_AGE = Duration.ofMinutes(5);

    private record Loaded(List<AccessPolicyState> policies, long at) {
    }

    private final Pool pool;
    private final String loadSql;
    private final Map<String, Loaded> byTenant = new ConcurrentHashMap<>();
    /** Bumped by every change, so that a load that raced with a change is not kept. */
    private final AtomicLong generation = new AtomicLong();

    public AccessPolicies(Pool pool, PlatformConfig platform) {
        this.pool = pool;
        this.loadSql = "SELECT state::text AS state FROM " + platform.schema() + ".registry_state "
                + "WHERE tenant_id = $1 AND kind = 'access-policy' AND NOT deleted";
    }

    /** Whether the policies of {@code tenant} let this client (acting for this user) do {@code action} on a type. */
    public Uni<Boolean> allows(String tenant, String clientId, String userId, String resourceType, String action) {
        return policies(tenant).map(policies -> decide(policies, clientId, userId, resourceType, action));
    }

    /** The policies of {@code tenant}, to decide many types at once ({@link #decide}). */
    public Uni<List<AccessPolicyState>> of(String tenant) {
        return policies(tenant);
    }

    public static boolean decide(List<AccessPolicyState> policies, String clientId, String userId, String resourceType,
            String action) {
        boolean allowed = false;
        for (AccessPolicyState policy : policies) {
            if (!links(policy, clientId, userId)) {
                continue;
            }
            if (!"rules".equals(policy.engine())) {
                allowed = true;
                continue;
            }
            for (AccessPolicyState.Rule rule : policy.rules() == null ? List.<AccessPolicyState.Rule>of()
                    : policy.rules()) {
                if (matches(rule.resource(), resourceType) && matches(rule.action(), action)) {
                    if ("Deny".equalsIgnoreCase(rule.effect())) {
                        return false;
                    }
                    allowed = true;
                }
            }
        }
        return allowed;
    }

    private static boolean links(AccessPolicyState policy, String clientId, String userId) {
        if (policy.links() == null) {
            return false;
        }
        for (AccessPolicyState.Link link : policy.links()) {
            if ("Client".equals(link.resourceType()) && link.id().equals(clientId)
                    || "User".equals(link.resourceType()) && link.id().equals(userId)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(List<String> values, String value) {
        return values != null && (values.contains("*") || values.contains(value));
    }

    private Uni<List<AccessPolicyState>> policies(String tenant) {
        Loaded loaded = byTenant.get(tenant);
        if (loaded != null && System.nanoTime() - loaded.at() < MAX_AGE.toNanos()) {
            return Uni.createFrom().item(loaded.policies());
        }
        long started = System.nanoTime();
        long loadedGeneration = generation.get();
        return TenantScope.inTransaction(pool, tenant, tx -> tx.preparedQuery(loadSql)
                .execute(Tuple.of(tenant)))
                .map(rows -> {
                    List<AccessPolicyState> policies = new ArrayList<>();
                    for (Row row : rows) {
                        policies.add(EventCodec.decodePayload(row.getString("state"), AccessPolicyState.class));
                    }
                    List<AccessPolicyState> frozen = List.copyOf(policies);
                    if (generation.get() == loadedGeneration) {
                        byTenant.put(tenant, new Loaded(frozen, started));
                    }
                    return frozen;
                });
    }

    @Override
    public void changed(RegistryChange change) {
        if ("access-policy".equals(change.kind())) {
            generation.incrementAndGet();
            byTenant.remove(change.tenantId());
        }
    }
}
