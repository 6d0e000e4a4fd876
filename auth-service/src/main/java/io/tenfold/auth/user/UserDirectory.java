package io.tenfold.auth.user;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.event.EventCodec;
import io.tenfold.commons.event.UserState;
import io.tenfold.commons.registry.RegistryChange;
import io.tenfold.commons.registry.RegistryListener;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Users of a tenant, from auth-service's registry projection (so logins work while tenant-service is down).
 * Lookups by id (every refresh makes one) are cached and dropped when the user changes.
 */
@ApplicationScoped
public class UserDirectory implements RegistryListener {

    private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);
    private static final long TTL_NANOS = Duration.ofMinutes(1).toNanos();

    private record Cached(UserState user, long at) {
    }

    private final Pool pool;
    private final Map<String, Cached> byId = new ConcurrentHashMap<>();

    public UserDirectory(Pool pool) {
        this.pool = pool;
    }

    @Override
    public void changed(RegistryChange change) {
        if ("user".equals(change.kind())) {
            byId.remove(change.tenantId() + "/" + change.id());
        }
    }

    public Optional<UserState> byEmail(String tenantId, String email) {
        if (email == null || email.isBlank() || email.length() > 320) {
            return Optional.empty();
        }
        return one(tenantId, "SELECT state FROM auth.registry_state WHERE tenant_id = $1 AND kind = 'user' "
                + "AND NOT deleted AND lower(state ->> 'email') = $2", email.trim().toLowerCase(Locale.ROOT));
    }

    public Optional<UserState> byId(String tenantId, String id) {
        if (id == null) {
            return Optional.empty();
        }
        String key = tenantId + "/" + id;
        Cached cached = byId.get(key);
        long now = System.nanoTime();
        if (cached != null && now - cached.at() < TTL_NANOS) {
            return Optional.of(cached.user());
        }
        Optional<UserState> user = one(tenantId, "SELECT state FROM auth.registry_state WHERE tenant_id = $1 "
                + "AND kind = 'user' AND NOT deleted AND id = $2", id);
        user.ifPresentOrElse(u -> byId.put(key, new Cached(u, now)), () -> byId.remove(key));
        return user;
    }

    private Optional<UserState> one(String tenantId, String sql, String param) {
        if (param.indexOf('\u0000') >= 0) {
            return Optional.empty(); // no user has it, nor could PostgreSQL compare it
        }
        Row row = TenantScope.inTransaction(pool, tenantId, tx -> tx.preparedQuery(sql)
                .execute(Tuple.of(tenantId, param))).await().atMost(DB_TIMEOUT).stream().findFirst().orElse(null);
        return row == null ? Optional.empty()
                : Optional.of(EventCodec.decodePayload(row.getJsonObject("state").encode(), UserState.class));
    }
}
