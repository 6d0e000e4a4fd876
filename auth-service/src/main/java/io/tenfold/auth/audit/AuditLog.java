package io.tenfold.auth.audit;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.event.AuditEvent;
import io.tenfold.commons.event.EventEnvelope;
import io.tenfold.commons.event.Topics;
import io.tenfold.commons.outbox.Outbox;
import io.tenfold.commons.outbox.OutboxMessage;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Logins, failed logins, token issuance, refreshes and revocations, to {@code tenfold.audit.v1} via the outbox. */
@ApplicationScoped
public class AuditLog {

    private final Pool pool;
    private final Outbox outbox;

    public AuditLog(Pool pool, Outbox outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    /** Records an event in its own transaction. */
    public void record(AuditEvent event) {
        TenantScope.inTransaction(pool, event.tenantId(), tx -> append(tx, event)).await()
                .atMost(Duration.ofSeconds(10));
        outbox.published();
    }

    /** Records an event in the caller's transaction (call {@link Outbox#published()} after the commit). */
    public Uni<Long> append(SqlConnection tx, AuditEvent event) {
        EventEnvelope envelope = EventEnvelope.of(AuditEvent.TYPE, event.tenantId(), null, event);
        return outbox.append(tx, OutboxMessage.event(Topics.AUDIT, event.tenantId(), envelope));
    }
}
