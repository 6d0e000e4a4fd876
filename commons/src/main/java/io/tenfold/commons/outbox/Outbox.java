package io.tenfold.commons.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.config.PlatformConfig;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes events into the service's outbox table, in the caller's transaction: the event exists if and only if
 * the change does. The {@link OutboxRelay} publishes it after commit; call {@link #published()} after the
 * commit to have it sent at once rather than at the next poll.
 */
@ApplicationScoped
public class Outbox {

    private final String insertSql;
    private final OutboxRelay relay;

    public Outbox(PlatformConfig config, OutboxRelay relay) {
        this.insertSql = insertSql(config.schema());
        this.relay = relay;
    }

    /** The outbox columns, in the order of {@link #params}, for callers on another client (Hibernate Reactive). */
    public static final String COLUMNS = "tenant_id, topic, record_key, value, event_id, event_type";

    private static String insertSql(String schema) {
        return "INSERT INTO " + schema + ".outbox (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
    }

    public static Tuple params(OutboxMessage message) {
        return Tuple.of(message.tenantId(), message.topic(), message.key(), message.value(), message.eventId(),
                message.type());
    }

    /** Appends a message in the transaction of {@code tx}; yields its sequence number. */
    public Uni<Long> append(SqlClient tx, OutboxMessage message) {
        return tx.preparedQuery(insertSql).execute(params(message))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** Tells the relay that committed messages wait. */
    public void published() {
        relay.wakeUp();
    }
}
