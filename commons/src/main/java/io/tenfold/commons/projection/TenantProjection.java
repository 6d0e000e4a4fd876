package io.tenfold.commons.projection;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.event.EventCodec;
import io.tenfold.commons.event.EventEnvelope;
import io.tenfold.commons.event.TenantProvisioning;
import io.tenfold.commons.event.TenantState;
import io.tenfold.commons.event.Topics;
import io.tenfold.commons.kafka.KafkaClients;
import io.tenfold.commons.kafka.TopicBootstrap;
import io.tenfold.commons.kafka.TopicReader;
import io.tenfold.commons.outbox.Outbox;
import io.tenfold.commons.outbox.OutboxMessage;
import io.tenfold.commons.tenant.TenantId;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Follows {@code tenfold.tenants} and keeps the service's {@code known_tenants} table and {@link TenantDirectory}
 * current. Every replica reads the whole compacted topic from the beginning; a record changes the database only
 * if its sequence is newer than the stored one, so replays, duplicates and racing replicas are harmless. The
 * tenant's row stays (as {@code deleted}) after a purge to keep that sequence. The replica whose transaction
 * applied a change runs the service's {@link TenantLifecycle} and reports it on
 * {@code tenfold.tenants.provisioning.v1} through the outbox, all in one transaction.
 */
@ApplicationScoped
public class TenantProjection {

    private static final Logger LOG = Logger.getLogger(TenantProjection.class);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(60);

    private final Instance<TenantLifecycle> lifecycle;
    private final Pool pool;
    private final KafkaClients clients;
    private final TopicBootstrap topics;
    private final TenantDirectory directory;
    private final Outbox outbox;
    private final String service;
    private final String upsertSql;
    private final String loadSql;
    private final String purgeRegistrySql;
    private TopicReader reader;

    public TenantProjection(Instance<TenantLifecycle> lifecycle, Pool pool, KafkaClients clients,
            TopicBootstrap topics, TenantDirectory directory, Outbox outbox, PlatformConfig platform) {
        this.lifecycle = lifecycle;
        this.pool = pool;
        this.clients = clients;
        this.topics = topics;
        this.directory = directory;
        this.outbox = outbox;
        this.service = platform.serviceName();
        String table = platform.schema() + ".known_tenants";
        this.upsertSql = "INSERT INTO " + table + " AS t (tenant_id, name, status, source_seq, updated_at) "
                + "VALUES ($1, $2, $3, $4, now()) ON CONFLICT (tenant_id) DO UPDATE SET name = excluded.name, "
                + "status = excluded.status, source_seq = excluded.source_seq, updated_at = now() "
                + "WHERE t.source_seq < excluded.source_seq RETURNING tenant_id";
        this.loadSql = "SELECT tenant_id, name, status, source_seq FROM " + table;
        this.purgeRegistrySql = "DELETE FROM " + platform.schema() + ".registry_state WHERE tenant_id = $1";
    }

    /** Whether this service follows tenants at all (it does if it implements {@link TenantLifecycle}). */
    public boolean enabled() {
        return lifecycle.isResolvable();
    }

    /** Whether the projection has read the topic up to where it ended at start. */
    public boolean caughtUp() {
        return reader != null && reader.caughtUp();
    }

    void start(@Observes StartupEvent event) {
        if (!enabled()) {
            return;
        }
        TenantScope.inTransaction(pool, TenantScope.ALL, tx -> tx.query(loadSql).execute())
                .await().atMost(DB_TIMEOUT)
                .forEach(row -> directory.apply(entry(row)));
        LOG.infof("Serving %d tenants; following %s", directory.activeCount(), Topics.TENANTS);
        reader = TopicReader.replaying(clients, topics, Topics.TENANTS, "tenants", this::apply);
        reader.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (reader != null) {
            reader.stop();
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        String id = record.key();
        long seq = TopicReader.sequence(record);
        if (!TenantId.isValid(id) || seq < 0) {
            LOG.warnf("Skipping tenant record without a valid key or sequence at offset %d", record.offset());
            return;
        }
        TenantState state;
        try {
            state = record.value() == null ? null : EventCodec.decode(record.value()).payloadAs(TenantState.class);
        } catch (RuntimeException e) {
            LOG.warnf("Skipping undecodable tenant record at offset %d: %s", record.offset(), e.toString());
            return;
        }
        TenantId tenant = new TenantId(id);
        boolean applied = TenantScope.inTransaction(pool, id, tx -> record(tx, tenant, state, seq)
                .chain(changed -> changed
                        ? react(tx, tenant, state, seq).replaceWith(Boolean.TRUE)
                        : Uni.createFrom().item(Boolean.FALSE)))
                .await().atMost(DB_TIMEOUT);
        directory.apply(new TenantDirectory.Entry(id, state == null ? null : state.name(), state != null, seq));
        if (applied) {
            LOG.infof("Tenant %s %s", id, state == null ? "purged" : "provisioned");
            outbox.published();
        }
    }

    private Uni<Boolean> record(SqlConnection tx, TenantId tenant, TenantState state, long seq) {
        Tuple params = Tuple.of(tenant.value(), state == null ? null : state.name(),
                state == null ? "deleted" : "active", seq);
        return tx.preparedQuery(upsertSql).execute(params).map(rows -> rows.rowCount() > 0);
    }

    private Uni<Long> react(SqlConnection tx, TenantId tenant, TenantState state, long seq) {
        TenantLifecycle service = lifecycle.get();
        Uni<Void> effect = state == null
                ? service.purge(tx, tenant).chain(() -> tx.preparedQuery(purgeRegistrySql)
                        .execute(Tuple.of(tenant.value())).replaceWithVoid())
                : service.provision(tx, state);
        TenantProvisioning.Status status = state == null
                ? TenantProvisioning.Status.PURGED
                : TenantProvisioning.Status.READY;
        EventEnvelope ack = EventEnvelope.of(TenantProvisioning.TYPE, tenant.value(), null,
                new TenantProvisioning(tenant.value(), this.service, status, seq));
        return effect.chain(() -> outbox.append(tx, OutboxMessage.event(Topics.TENANT_PROVISIONING,
                tenant.value(), ack)));
    }

    private static TenantDirectory.Entry entry(Row row) {
        return new TenantDirectory.Entry(row.getString("tenant_id"), row.getString("name"),
                "active".equals(row.getString("status")), row.getLong("source_seq"));
    }
}
