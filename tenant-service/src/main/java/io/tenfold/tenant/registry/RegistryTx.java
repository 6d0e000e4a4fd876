package io.tenfold.tenant.registry;

import java.util.function.Function;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.outbox.Outbox;
import io.tenfold.commons.outbox.OutboxMessage;

/** What every registry transaction does on its Hibernate Reactive session: set its RLS scope, write events. */
public final class RegistryTx {

    private static final String OUTBOX_INSERT = "INSERT INTO tenant.outbox (" + Outbox.COLUMNS
            + ") VALUES (?1, ?2, ?3, CAST(?4 AS text), ?5, ?6) RETURNING id";

    private RegistryTx() {
    }

    /** Runs {@code work} in a transaction whose first statement sets its scope. */
    public static <T> Uni<T> inTransaction(String scope, Function<Mutiny.Session, Uni<T>> work) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> scope(session, scope).chain(() -> work.apply(session))));
    }

    /**
     * Scopes the current transaction: a tenant id, {@code _global}, or {@link TenantScope#ALL} for operator-wide
     * work. A transaction may narrow its scope to the row it found before it writes.
     */
    public static Uni<Void> scope(Mutiny.Session session, String scope) {
        return session.createNativeQuery("SELECT set_config('tenfold.tenant', ?1, true)")
                .setParameter(1, scope)
                .getSingleResult()
                .replaceWithVoid();
    }

    /** Appends an event to the outbox in the current transaction; yields its sequence. */
    public static Uni<Long> append(Mutiny.Session session, OutboxMessage message) {
        return session.createNativeQuery(OUTBOX_INSERT, Long.class)
                .setParameter(1, message.tenantId())
                .setParameter(2, message.topic())
                .setParameter(3, message.key())
                .setParameter(4, message.value())
                .setParameter(5, message.eventId())
                .setParameter(6, message.type())
                .getSingleResult();
    }

    /**
     * Locks a tenant against deletion until the transaction ends ({@code FOR SHARE}): what is written under it
     * now is seen, and purged, by a concurrent deletion. Yields the tenant's name, or null if there is no such
     * tenant.
     */
    public static Uni<String> lockTenant(Mutiny.Session session, String tenantId) {
        return session.createNativeQuery("SELECT name FROM tenant.tenants WHERE tenant_id = ?1 FOR SHARE",
                String.class).setParameter(1, tenantId).getSingleResultOrNull();
    }

    /** Locks a registry row against deletion until the transaction ends; false if there is no such row. */
    public static Uni<Boolean> lockRow(Mutiny.Session session, RegistryKind kind, String tenantId, String id) {
        return session.createNativeQuery("SELECT id FROM " + kind.table() + " WHERE tenant_id = ?1 AND id = ?2 "
                + "FOR SHARE", String.class).setParameter(1, tenantId).setParameter(2, id)
                .getSingleResultOrNull().map(found -> found != null);
    }
}
