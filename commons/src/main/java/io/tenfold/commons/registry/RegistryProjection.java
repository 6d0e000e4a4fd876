package io.tenfold.commons.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
import io.tenfold.commons.event.RegistryKeys;
import io.tenfold.commons.event.Topics;
import io.tenfold.commons.kafka.KafkaClients;
import io.tenfold.commons.kafka.TopicBootstrap;
import io.tenfold.commons.kafka.TopicReader;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps this service's {@code registry_state} table current from the registry topics it follows
 * ({@code tenfold.registry.follow}). Each replica reads every partition from the offsets stored with the
 * effects, a batch per transaction; a row changes only when the record's sequence is newer, so replicas
 * racing, replays and duplicates are harmless. Listeners hear of each applied change after commit.
 */
@ApplicationScoped
public class RegistryProjection {

    private static final Logger LOG = Logger.getLogger(RegistryProjection.class);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(60);
    private static final Map<String, String> KINDS = Map.of(
            Topics.USERS, "user", Topics.CLIENTS, "client", Topics.ACCESS_POLICIES, "access-policy");

    private final RegistryConfig config;
    private final Pool pool;
    private final KafkaClients clients;
    private final TopicBootstrap topics;
    private final Instance<RegistryListener> listeners;
    private final String upsertSql;
    private final String offsetsSql;
    private final String saveOffsetSql;
    private final List<TopicReader> readers = new ArrayList<>();

    public RegistryProjection(RegistryConfig config, Pool pool, KafkaClients clients, TopicBootstrap topics,
            Instance<RegistryListener> listeners, PlatformConfig platform) {
        this.config = config;
        this.pool = pool;
        this.clients = clients;
        this.topics = topics;
        this.listeners = listeners;
        String schema = platform.schema();
        this.upsertSql = "INSERT INTO " + schema + ".registry_state AS r (tenant_id, kind, id, source_seq, deleted, "
                + "state, updated_at) VALUES ($1, $2, $3, $4, $5, $6, now()) ON CONFLICT (tenant_id, kind, id) "
                + "DO UPDATE SET source_seq = excluded.source_seq, deleted = excluded.deleted, state = excluded.state, "
                + "updated_at = now() WHERE r.source_seq < excluded.source_seq RETURNING id";
        this.offsetsSql = "SELECT partition_no, next_offset FROM " + schema + ".registry_offsets WHERE topic = $1";
        this.saveOffsetSql = "INSERT INTO " + schema + ".registry_offsets AS o (topic, partition_no, next_offset) "
                + "VALUES ($1, $2, $3) ON CONFLICT (topic, partition_no) DO UPDATE SET next_offset = "
                + "GREATEST(o.next_offset, excluded.next_offset)";
    }

    void start(@Observes StartupEvent event) {
        for (String topic : config.follow().orElse(List.of())) {
            String kind = KINDS.get(topic);
            if (kind == null) {
                throw new IllegalStateException("tenfold.registry.follow: " + topic + " is not a registry topic");
            }
            TopicReader reader = TopicReader.resuming(clients, topics, topic, "registry-" + kind,
                    () -> offsets(topic), batch -> apply(topic, kind, batch));
            readers.add(reader);
            reader.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        readers.forEach(TopicReader::stop);
    }

    private Map<Integer, Long> offsets(String topic) {
        Map<Integer, Long> next = new HashMap<>();
        pool.preparedQuery(offsetsSql).execute(Tuple.of(topic)).await().atMost(DB_TIMEOUT)
                .forEach(row -> next.put(row.getInteger("partition_no"), row.getLong("next_offset")));
        return next;
    }

    private void apply(String topic, String kind, List<ConsumerRecord<String, byte[]>> batch) {
        List<RegistryChange> applied = TenantScope.inTransaction(pool, TenantScope.ALL, tx -> {
            List<RegistryChange> changes = new ArrayList<>();
            Map<Integer, Long> nextOffsets = new HashMap<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (ConsumerRecord<String, byte[]> record : batch) {
                nextOffsets.merge(record.partition(), record.offset() + 1, Math::max);
                RegistryChange change = decode(kind, record);
                if (change == null) {
                    continue;
                }
                long seq = TopicReader.sequence(record);
                chain = chain.chain(() -> upsert(tx, change, seq).invoke(done -> {
                    if (done) {
                        changes.add(change);
                    }
                }).replaceWithVoid());
            }
            for (Map.Entry<Integer, Long> offset : nextOffsets.entrySet()) {
                chain = chain.chain(() -> tx.preparedQuery(saveOffsetSql)
                        .execute(Tuple.of(topic, offset.getKey(), offset.getValue())).replaceWithVoid());
            }
            return chain.replaceWith(changes);
        }).await().atMost(DB_TIMEOUT);
        for (RegistryChange change : applied) {
            for (RegistryListener listener : listeners) {
                listener.changed(change);
            }
        }
    }

    private Uni<Boolean> upsert(SqlConnection tx, RegistryChange change, long seq) {
        JsonObject state = change.state() == null ? null : new JsonObject(change.state().toString());
        return tx.preparedQuery(upsertSql)
                .execute(Tuple.of(change.tenantId(), change.kind(), change.id(), seq, state == null, state))
                .map(rows -> rows.rowCount() > 0);
    }

    private static RegistryChange decode(String kind, ConsumerRecord<String, byte[]> record) {
        String tenant = RegistryKeys.tenantOf(record.key());
        String id = RegistryKeys.idOf(record.key());
        if (tenant == null || id == null || TopicReader.sequence(record) < 0) {
            LOG.warnf("Skipping %s record without a valid key or sequence at offset %d", kind, record.offset());
            return null;
        }
        if (record.value() == null) {
            return new RegistryChange(kind, tenant, id, null);
        }
        try {
            EventEnvelope envelope = EventCodec.decode(record.value());
            return new RegistryChange(kind, tenant, id, envelope.payload());
        } catch (RuntimeException e) {
            LOG.warnf("Skipping undecodable %s record at offset %d: %s", kind, record.offset(), e.getClass());
            return null;
        }
    }
}
