package io.tenfold.commons.outbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.event.EventHeaders;
import io.tenfold.commons.kafka.KafkaClients;
import io.tenfold.commons.kafka.TopicBootstrap;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes the outbox to Kafka in order. One relay of a service works at a time (a transaction-scoped
 * advisory lock), so messages of one key leave in the order of their sequence. A batch is deleted in the same
 * transaction that read it, after the broker acknowledged every message ({@code acks=all}, idempotent
 * producer); if anything fails the transaction rolls back and the batch is sent again later. A crash between
 * the acknowledgement and the commit sends a batch twice: consumers de-duplicate by the sequence header.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;
    private final KafkaClients clients;
    private final TopicBootstrap topics;
    private final OutboxConfig config;
    private final String schema;
    private final String selectSql;
    private final String deleteSql;
    /** One permit per wake-up (a commit that wrote messages) since the relay last read the outbox. */
    private final Semaphore wakeUps = new Semaphore(0);
    private final Counter published;
    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;

    public OutboxRelay(Pool pool, KafkaClients clients, TopicBootstrap topics, OutboxConfig config,
            PlatformConfig platform, MeterRegistry metrics) {
        this.pool = pool;
        this.clients = clients;
        this.topics = topics;
        this.config = config;
        this.schema = platform.schema();
        this.selectSql = "SELECT id, tenant_id, topic, record_key, value, event_id, event_type FROM " + schema
                + ".outbox ORDER BY id LIMIT $1";
        this.deleteSql = "DELETE FROM " + schema + ".outbox WHERE id = ANY($1)";
        this.published = Counter.builder("tenfold.outbox.published").description("Events published to Kafka")
                .register(metrics);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wakeUps.release(config.batchSize()); // ends a wait and a gathering at once
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeProducer();
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
            producer = null;
        }
    }

    /** Asks the relay to look at the outbox now. Cheap; call it after a commit that wrote messages. */
    public void wakeUp() {
        wakeUps.release();
    }

    private void run() {
        while (running) {
            try {
                wakeUps.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                if (!running) {
                    return;
                }
                if (!topics.ensure(Duration.ofSeconds(5))) {
                    pause();
                    continue;
                }
                gather();
                while (running && publishBatch() == config.batchSize()) {
                    // a full batch: more may be waiting
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("Outbox relay could not publish, will retry: %s", e.toString());
                closeProducer();
                pause();
            }
        }
    }

    /**
     * Lets messages gather after a wake-up: until as many more commits as a batch holds have woken the relay (a
     * batch is full; no point waiting), or the gather window has passed.
     */
    private void gather() throws InterruptedException {
        long window = config.gatherWindow().toMillis();
        if (window > 0) {
            wakeUps.tryAcquire(Math.max(0, config.batchSize() - 1), window, TimeUnit.MILLISECONDS);
        }
        wakeUps.drainPermits();
    }

    private void pause() {
        try {
            Thread.sleep(config.retryBackoff().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int publishBatch() throws Exception {
        SqlConnection conn = pool.getConnection().await().atMost(DB_TIMEOUT);
        Transaction tx = null;
        try {
            tx = conn.begin().await().atMost(DB_TIMEOUT);
            TenantScope.enter(conn, TenantScope.ALL).await().atMost(DB_TIMEOUT);
            boolean leader = conn.preparedQuery("SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked")
                    .execute(Tuple.of("tenfold.outbox." + schema)).await().atMost(DB_TIMEOUT)
                    .iterator().next().getBoolean("locked");
            if (!leader) {
                tx.rollback().await().atMost(DB_TIMEOUT);
                return 0;
            }
            List<Row> rows = new ArrayList<>();
            conn.preparedQuery(selectSql).execute(Tuple.of(config.batchSize())).await().atMost(DB_TIMEOUT)
                    .forEach(rows::add);
            if (rows.isEmpty()) {
                tx.rollback().await().atMost(DB_TIMEOUT);
                return 0;
            }
            send(rows);
            Long[] ids = rows.stream().map(row -> row.getLong("id")).toArray(Long[]::new);
            conn.preparedQuery(deleteSql).execute(Tuple.of(ids)).await().atMost(DB_TIMEOUT);
            tx.commit().await().atMost(DB_TIMEOUT);
            tx = null;
            published.increment(rows.size());
            return rows.size();
        } finally {
            if (tx != null) {
                tx.rollback().onFailure().recoverWithNull().await().atMost(DB_TIMEOUT);
            }
            conn.close().await().atMost(DB_TIMEOUT);
        }
    }

    private void send(List<Row> rows) throws Exception {
        if (producer == null) {
            producer = clients.producer("outbox");
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(EventHeaders.SEQ, ByteBuffer.allocate(Long.BYTES).putLong(row.getLong("id")).array());
            headers.add(EventHeaders.EVENT_ID, bytes(row.getUUID("event_id").toString()));
            headers.add(EventHeaders.TYPE, bytes(row.getString("event_type")));
            headers.add(EventHeaders.TENANT, bytes(row.getString("tenant_id")));
            String value = row.getString("value");
            acks.add(producer.send(new ProducerRecord<>(row.getString("topic"), null, row.getString("record_key"),
                    value == null ? null : bytes(value), headers)));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
