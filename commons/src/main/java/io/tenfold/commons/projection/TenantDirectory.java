package io.tenfold.commons.projection;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The tenants this replica serves, in memory: the hot path asks it on every request. Filled from the service's
 * {@code known_tenants} table at start and kept current by the {@link TenantProjection}; an entry only moves forward
 * in sequence.
 */
@ApplicationScoped
public class TenantDirectory {

    /** A tenant as this service knows it. */
    public record Entry(String id, String name, boolean active, long seq) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public boolean isActive(String tenantId) {
        Entry entry = entries.get(tenantId);
        return entry != null && entry.active();
    }

    public Optional<Entry> find(String tenantId) {
        return Optional.ofNullable(entries.get(tenantId)).filter(Entry::active);
    }

    /** Records a tenant's state unless a newer one is known already. */
    public void apply(Entry entry) {
        entries.merge(entry.id(), entry, (old, fresh) -> fresh.seq() > old.seq() ? fresh : old);
    }

    public int activeCount() {
        return (int) entries.values().stream().filter(Entry::active).count();
    }
}
