package io.tenfold.tenant.registry;

import org.hibernate.reactive.mutiny.Mutiny;

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

    /** Scopes the current transaction: a tenant id, or {@link TenantScope#ALL} for operator-wide work. */
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
}
