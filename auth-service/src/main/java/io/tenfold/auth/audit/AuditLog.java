package io.tenfold.auth.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.event.AuditEvent;
import io.tenfold.commons.event.EventEnvelope;
import io.tenfold.commons.event.Topics;
import io.tenfold.commons.outbox.Outbox;
import io.tenfold.commons.outbox.OutboxMessage;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Logins, failed logins, token issuance, refreshes and revocations, to {@code tenfold.audit.v1} through the
 * outbox. Audit events change nothing else in the database, so they are written in batches (every 100 ms, one
 * round trip for many events) instead of a transaction per request; a crash loses at most that last tenth of a
 * second, a database outage nothing (the batch is retried, up to a bounded backlog).
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final int MAX_BACKLOG = 100_000;
    private static final int BATCH = 1_000;

    private final Pool pool;
    private final Outbox outbox;
    private final String insertSql;
    private final BlockingQueue<AuditEvent> queue = new LinkedBlockingQueue<>(MAX_BACKLOG);
    private volatile boolean running;
    private Thread writer;

    public AuditLog(Pool pool, Outbox outbox, PlatformConfig platform) {
        this.pool = pool;
        this.outbox = outbox;
        this.insertSql = "INSERT INTO " + platform.schema() + ".outbox (" + Outbox.COLUMNS
                + ") VALUES ($1, $2, $3, $4, $5, $6)";
    }

    /** Records an event: written within about 100 ms, published soon after. */
    public void record(AuditEvent event) {
        if (!queue.offer(event)) {
            LOG.errorf("Audit backlog full: dropping a %s event", event.action());
        }
    }

    void start(@Observes StartupEvent event) {
        running = true;
        writer = new Thread(this::run, "audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (writer != null) {
            writer.interrupt();
            try {
                writer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush(new ArrayList<>(queue));
    }

    private void run() {
        List<AuditEvent> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                AuditEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                while (running && !flush(batch)) {
                    TimeUnit.SECONDS.sleep(1);
                }
                batch.clear();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean flush(List<AuditEvent> batch) {
        if (batch.isEmpty()) {
            return true;
        }
        List<Tuple> rows = new ArrayList<>(batch.size());
        for (AuditEvent event : batch) {
            EventEnvelope envelope = EventEnvelope.of(AuditEvent.TYPE, event.tenantId(), null, event);
            rows.add(Outbox.params(OutboxMessage.event(Topics.AUDIT, event.tenantId(), envelope)));
        }
        try {
            TenantScope.inTransaction(pool, TenantScope.ALL, tx -> tx.preparedQuery(insertSql).executeBatch(rows))
                    .await().atMost(Duration.ofSeconds(30));
            outbox.published();
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("Writing %d audit events failed, will retry: %s", batch.size(), e.getClass().getSimpleName());
            return false;
        }
    }
}
