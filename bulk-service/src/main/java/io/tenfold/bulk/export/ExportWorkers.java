package io.tenfold.bulk.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.event.EventCodec;
import io.tenfold.commons.event.EventEnvelope;
import io.tenfold.commons.event.ExportRequested;
import io.tenfold.commons.event.Topics;
import io.tenfold.commons.kafka.KafkaClients;
import io.tenfold.commons.kafka.TopicBootstrap;
import io.tenfold.commons.kafka.TopicReader;

/**
 * Where exports run: the replicas share {@code tenfold.bulk.export-requested.v1} as one consumer group, and each
 * runs the jobs it receives on {@link BulkConfig#workers} threads (a job waits in line, status "queued", while
 * they are busy). Each replica also sweeps now and then: it takes over jobs accepted a while ago that nobody
 * claimed and jobs whose runner stopped reporting (a replica that died), and deletes expired jobs with their files.
 */
@ApplicationScoped
public class ExportWorkers {

    private static final Logger LOG = Logger.getLogger(ExportWorkers.class);
    private static final String ORPHANS_SQL = "SELECT tenant_id, id FROM bulk.export_jobs "
            + "WHERE status = 'accepted' AND created_at < now() - make_interval(secs => ?) "
            + "OR status = 'in-progress' AND heartbeat_at < now() - make_interval(secs => ?) LIMIT 100";
    private static final String EXPIRED_SQL = "DELETE FROM bulk.export_jobs WHERE expires_at < now()";

    private final KafkaClients clients;
    private final TopicBootstrap topics;
    private final ExportRunner runner;
    private final DataSource dataSource;
    private final BulkConfig config;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private ExecutorService workers;
    private ScheduledExecutorService sweeper;
    private TopicReader reader;

    public ExportWorkers(KafkaClients clients, TopicBootstrap topics, ExportRunner runner, DataSource dataSource,
            BulkConfig config) {
        this.clients = clients;
        this.topics = topics;
        this.runner = runner;
        this.dataSource = dataSource;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(config.workers(), task -> {
            Thread thread = new Thread(task, "bulk-export-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "bulk-export-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.sweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
        reader = TopicReader.grouped(clients, topics, Topics.BULK_EXPORT_REQUESTED, "bulk-export-workers",
                this::received);
        reader.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (reader != null) {
            reader.stop();
        }
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        if (workers != null) {
            // running exports stop with the JVM; another replica takes them over once they go stale
            workers.shutdownNow();
        }
    }

    private void received(ConsumerRecord<String, byte[]> record) {
        JobKey job = decode(record);
        if (job != null) {
            submit(job.tenant(), job.id());
        }
    }

    /** Puts a job in line for this replica's workers (once: a job already in line is not added again). */
    void submit(String tenant, UUID id) {
        String key = tenant + "/" + id;
        if (!queued.add(key)) {
            return;
        }
        workers.execute(() -> {
            try {
                runner.run(tenant, id);
            } finally {
                queued.remove(key);
            }
        });
    }

    private record JobKey(String tenant, UUID id) {
    }

    private static JobKey decode(ConsumerRecord<String, byte[]> record) {
        try {
            EventEnvelope envelope = EventCodec.decode(record.value());
            if (!ExportRequested.TYPE.equals(envelope.type())) {
                return null;
            }
            return new JobKey(envelope.tenantId(),
                    UUID.fromString(envelope.payloadAs(ExportRequested.class).jobId()));
        } catch (RuntimeException e) {
            LOG.warnf("Skipping undecodable export request at offset %d: %s", record.offset(), e.toString());
            return null;
        }
    }

    void sweep() {
        List<JobKey> orphans = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            TenantSql.enter(connection, TenantScope.ALL);
            try (PreparedStatement expired = connection.prepareStatement(EXPIRED_SQL)) {
                int deleted = expired.executeUpdate();
                if (deleted > 0) {
                    LOG.infof("Deleted %d expired exports and their files", deleted);
                }
            }
            try (PreparedStatement select = connection.prepareStatement(ORPHANS_SQL)) {
                select.setLong(1, config.sweepInterval().toSeconds());
                select.setLong(2, config.staleAfter().toSeconds());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        orphans.add(new JobKey(rows.getString(1), rows.getObject(2, UUID.class)));
                    }
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Export sweep failed, next one in %s: %s", config.sweepInterval(), e.toString());
            return;
        }
        for (JobKey orphan : orphans) {
            submit(orphan.tenant(), orphan.id());
        }
    }
}
