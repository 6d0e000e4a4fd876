package io.tenfold.auth.client;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.event.ClientState;
import io.tenfold.commons.event.EventCodec;
import io.tenfold.commons.registry.RegistryChange;
import io.tenfold.commons.registry.RegistryListener;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Registered clients by tenant and id, from auth-service's registry projection, cached in memory and dropped
 * from the cache as soon as the projection hears of a change.
 */
@ApplicationScoped
public class ClientDirectory implements RegistryListener {

    private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);
    private static final long MAX_AGE_NANOS = Duration.ofMinutes(1).toNanos();

    private record Cached(RegisteredClient client, long loadedAt) {
    }

    private final Pool pool;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public ClientDirectory(Pool pool) {
        this.pool = pool;
    }

    /** The client, if registered, in the given tenant ({@code _global} for operator clients). */
    public Optional<RegisteredClient> find(String tenantId, String clientId) {
        if (clientId == null || clientId.isEmpty() || clientId.length() > 128 || clientId.indexOf('\u0000') >= 0) {
            return Optional.empty(); // U+0000: no client has it, nor could PostgreSQL compare it
        }
        String key = tenantId + "/" + clientId;
        Cached cached = cache.get(key);
        long now = System.nanoTime();
        if (cached != null && now - cached.loadedAt() < MAX_AGE_NANOS) {
            return Optional.of(cached.client());
        }
        // Only found clients are cached (unknown ids must not fill the memory), and not for long: a change
        // that raced with a load is picked up within a minute at worst.
        Optional<RegisteredClient> found = load(tenantId, clientId);
        found.ifPresentOrElse(client -> cache.put(key, new Cached(client, now)), () -> cache.remove(key));
        return found;
    }

    private Optional<RegisteredClient> load(String tenantId, String clientId) {
        Row row = TenantScope.inTransaction(pool, tenantId, tx -> tx.preparedQuery(
                "SELECT state FROM auth.registry_state WHERE tenant_id = $1 AND kind = 'client' AND id = $2 "
                        + "AND NOT deleted").execute(Tuple.of(tenantId, clientId)))
                .await().atMost(DB_TIMEOUT).stream().findFirst().orElse(null);
        if (row == null) {
            return Optional.empty();
        }
        JsonObject state = row.getJsonObject("state");
        return Optional.of(new RegisteredClient(EventCodec.decodePayload(state.encode(), ClientState.class)));
    }

    @Override
    public void changed(RegistryChange change) {
        if ("client".equals(change.kind())) {
            cache.remove(change.tenantId() + "/" + change.id());
        }
    }
}
