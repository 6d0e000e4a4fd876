package io.tenfold.bulk.export;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Runs one export job to its end on the calling (worker) thread. It first claims the job (an accepted one, or
 * one whose runner stopped reporting), then reads the tenant's resources in one repeatable-read snapshot of
 * fhir.resources (its start is the manifest's {@code transactionTime}) through a server-side cursor, type by
 * type in creation order, and writes them as NDJSON chunks of about {@link BulkConfig#chunkBytes} into
 * bulk-service's database, one short transaction per chunk that also reports progress. A job deleted meanwhile
 * (cancelled, or its tenant purged) or taken over by another run (this one fell silent) stops this run at its
 * next chunk; a failure marks the job failed and drops its files, if the job is still this run's.
 */
@ApplicationScoped
public class ExportRunner {

    private static final Logger LOG = Logger.getLogger(ExportRunner.class);

    private static final String CLAIM_SQL = "UPDATE bulk.export_jobs SET status = 'in-progress', run_id = ?, "
            + "heartbeat_at = now(), progress = 'started' WHERE tenant_id = ? AND id = ? AND (status = 'accepted' "
            + "OR status = 'in-progress' AND heartbeat_at < now() - make_interval(secs => ?)) "
            + "RETURNING kind, patients, types, since, elements";
    private static final String CLEAR_FILES_SQL = "DELETE FROM bulk.export_files WHERE tenant_id = ? AND job_id = ?";
    private static final String CLEAR_CHUNKS_SQL = "DELETE FROM bulk.export_chunks WHERE tenant_id = ? AND job_id = ?";
    private static final String CHUNK_SQL = "INSERT INTO bulk.export_chunks (tenant_id, job_id, file_no, chunk_no, "
            + "data) VALUES (?, ?, ?, ?, ?)";
    private static final String FILE_SQL = "INSERT INTO bulk.export_files (tenant_id, job_id, file_no, res_type, "
            + "resource_count, chunk_count, section) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String DELETED_SQL = "SELECT id FROM fhir.resources WHERE tenant_id = ? AND res_type = ? "
            + "AND deleted AND last_updated > ? ORDER BY seq";
    private static final String HEARTBEAT_SQL = "UPDATE bulk.export_jobs SET heartbeat_at = now(), progress = ? "
            + "WHERE tenant_id = ? AND id = ? AND run_id = ? AND status = 'in-progress'";
    private static final String COMPLETE_SQL = "UPDATE bulk.export_jobs SET status = 'completed', progress = NULL, "
            + "transaction_time = ?, expires_at = now() + make_interval(secs => ?) "
            + "WHERE tenant_id = ? AND id = ? AND run_id = ? AND status = 'in-progress'";
    private static final String FAIL_SQL = "UPDATE bulk.export_jobs SET status = 'failed', progress = NULL, "
            + "error = ?, expires_at = now() + make_interval(secs => ?) WHERE tenant_id = ? AND id = ? "
            + "AND run_id = ? AND status = 'in-progress'";
    private static final String SNAPSHOT_SQL = "SELECT set_config('statement_timeout', '0', true), now()";

    private final DataSource dataSource;
    private final BulkConfig config;
    private final ExportMetrics metrics;

    public ExportRunner(DataSource dataSource, BulkConfig config, ExportMetrics metrics) {
        this.dataSource = dataSource;
        this.config = config;
        this.metrics = metrics;
    }

    /** A job claimed for running: what to export. */
    record Claimed(String tenant, UUID id, UUID run, ExportRequest.Kind kind, String[] patients, String[] types,
            OffsetDateTime since, String[] elements) {
    }

    /** Thrown inside a run when its job is gone (cancelled or purged). */
    private static final class JobGone extends Exception {
        JobGone() {
            super(null, null, false, false);
        }
    }

    /** Claims and runs the job; does nothing if another runner has it or it is finished or gone. */
    public void run(String tenant, UUID id) {
        try (Connection write = dataSource.getConnection()) {
            write.setAutoCommit(false);
            Claimed job = claim(write, tenant, id);
            if (job == null) {
                return;
            }
            long started = System.nanoTime();
            try (Connection read = dataSource.getConnection()) {
                export(job, read, write);
                metrics.completed(Duration.ofNanos(System.nanoTime() - started));
            } catch (JobGone gone) {
                write.rollback();
                metrics.stopped();
                LOG.infof("Export %s of tenant %s stopped: the job was deleted or taken over", id, tenant);
            } catch (SQLException | RuntimeException e) {
                write.rollback();
                metrics.failed();
                LOG.errorf(e, "Export %s of tenant %s failed", id, tenant);
                fail(write, job);
            }
        } catch (SQLException e) {
            LOG.errorf(e, "Export %s of tenant %s could not be run; another replica will take it over", id, tenant);
        }
    }

    private Claimed claim(Connection write, String tenant, UUID id) throws SQLException {
        TenantSql.enter(write, tenant);
        Claimed claimed = null;
        UUID run = UUID.randomUUID();
        try (PreparedStatement claim = write.prepareStatement(CLAIM_SQL)) {
            claim.setObject(1, run);
            claim.setString(2, tenant);
            claim.setObject(3, id);
            claim.setLong(4, config.staleAfter().toSeconds());
            try (ResultSet row = claim.executeQuery()) {
                if (row.next()) {
                    claimed = new Claimed(tenant, id, run, ExportRequest.Kind.ofColumn(row.getString("kind")),
                            strings(row.getArray("patients")), strings(row.getArray("types")),
                            row.getObject("since", OffsetDateTime.class), strings(row.getArray("elements")));
                }
            }
        }
        if (claimed != null) {
            // a run taken over from a runner that stopped may have left files
            execute(write, CLEAR_FILES_SQL, tenant, id);
            execute(write, CLEAR_CHUNKS_SQL, tenant, id);
        }
        write.commit();
        return claimed;
    }

    private void export(Claimed job, Connection read, Connection write) throws SQLException, JobGone {
        read.setAutoCommit(false);
        OffsetDateTime transactionTime;
        try {
            // this transaction only (a session setting would stay with the pooled connection)
            try (PreparedStatement isolation = read.prepareStatement(
                    "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")) {
                isolation.execute();
            }
            TenantSql.enter(read, job.tenant());
            try (PreparedStatement snapshot = read.prepareStatement(SNAPSHOT_SQL);
                    ResultSet row = snapshot.executeQuery()) {
                row.next();
                transactionTime = row.getObject(2, OffsetDateTime.class);
            }
            FileWriter files = new FileWriter(job, write);
            for (int i = 0; i < job.types().length; i++) {
                files.progress = "exporting " + job.types()[i] + " (type " + (i + 1) + " of " + job.types().length
                        + ")";
                exportType(job, job.types()[i], read, files);
            }
            if (job.since() != null && job.kind() == ExportRequest.Kind.SYSTEM) {
                files.progress = "listing deletions";
                for (String type : job.types()) {
                    exportDeleted(job, type, read, files);
                }
            }
        } finally {
            read.rollback();
        }
        try (PreparedStatement complete = write.prepareStatement(COMPLETE_SQL)) {
            TenantSql.enter(write, job.tenant());
            complete.setObject(1, transactionTime);
            complete.setLong(2, config.retention().toSeconds());
            complete.setString(3, job.tenant());
            complete.setObject(4, job.id());
            complete.setObject(5, job.run());
            if (complete.executeUpdate() == 0) {
                throw new JobGone();
            }
        }
        write.commit();
    }

    private void exportType(Claimed job, String type, Connection read, FileWriter files)
            throws SQLException, JobGone {
        StringBuilder sql = new StringBuilder("SELECT body::text FROM fhir.resources "
                + "WHERE tenant_id = ? AND res_type = ? AND NOT deleted");
        if (job.since() != null) {
            sql.append(" AND last_updated > ?");
        }
        if (job.patients() != null) {
            sql.append(" AND (compartments && ? OR res_type = 'Patient' AND id = ANY (?))");
        } else if (job.kind() != ExportRequest.Kind.SYSTEM) {
            sql.append(" AND (res_type = 'Patient' OR cardinality(compartments) > 0)");
        }
        sql.append(" ORDER BY seq");
        try (PreparedStatement select = read.prepareStatement(sql.toString())) {
            select.setFetchSize(1000);
            int p = 1;
            select.setString(p++, job.tenant());
            select.setString(p++, type);
            if (job.since() != null) {
                select.setObject(p++, job.since());
            }
            if (job.patients() != null) {
                Array patients = read.createArrayOf("text", job.patients());
                select.setArray(p++, patients);
                select.setArray(p, patients);
            }
            files.open(type, ExportJob.File.OUTPUT);
            Subset subset = job.elements() == null ? null : Subset.of(type, job.elements());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    files.append(subset == null ? rows.getString(1) : subset.apply(rows.getString(1)));
                }
            }
            files.close();
        }
    }

    /**
     * The deletions of a type since {@code _since}, as the spec's {@code deleted} files: one transaction Bundle
     * with a DELETE entry per resource deleted after it (and not recreated since).
     */
    private void exportDeleted(Claimed job, String type, Connection read, FileWriter files)
            throws SQLException, JobGone {
        try (PreparedStatement select = read.prepareStatement(DELETED_SQL)) {
            select.setFetchSize(1000);
            select.setString(1, job.tenant());
            select.setString(2, type);
            select.setObject(3, job.since());
            files.open(type, ExportJob.File.DELETED);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    files.append(new JsonObject().put("resourceType", "Bundle").put("type", "transaction")
                            .put("entry", new JsonArray().add(new JsonObject().put("request", new JsonObject()
                                    .put("method", "DELETE").put("url", type + "/" + rows.getString(1)))))
                            .encode());
                }
            }
            files.close();
        }
    }

    /** Splits a type's NDJSON into files and chunks, each chunk committed with the job's heartbeat. */
    private final class FileWriter {

        private final Claimed job;
        private final Connection write;
        private final ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        private String progress;
        private String type;
        private String section;
        private int fileNo;
        private int chunkNo;
        private long count;
        private long lastBeat = System.nanoTime();

        FileWriter(Claimed job, Connection write) {
            this.job = job;
            this.write = write;
        }

        void open(String resourceType, String fileSection) {
            type = resourceType;
            section = fileSection;
            chunkNo = 0;
            count = 0;
            chunk.reset();
        }

        void append(String resource) throws SQLException, JobGone {
            if (count == config.resourcesPerFile()) {
                close();
                open(type, section);
            }
            chunk.writeBytes(resource.getBytes(StandardCharsets.UTF_8));
            chunk.write('\n');
            count++;
            if (chunk.size() >= config.chunkBytes() || System.nanoTime() - lastBeat > config.staleAfter().toNanos() / 4) {
                flush(false);
            }
        }

        /** Ends the current file (a type without resources leaves no file). */
        void close() throws SQLException, JobGone {
            if (count > 0) {
                flush(true);
                fileNo++;
            }
        }

        private void flush(boolean last) throws SQLException, JobGone {
            TenantSql.enter(write, job.tenant());
            try (PreparedStatement heartbeat = write.prepareStatement(HEARTBEAT_SQL)) {
                heartbeat.setString(1, progress);
                heartbeat.setString(2, job.tenant());
                heartbeat.setObject(3, job.id());
                heartbeat.setObject(4, job.run());
                if (heartbeat.executeUpdate() == 0) {
                    throw new JobGone();
                }
            }
            if (chunk.size() > 0) {
                try (PreparedStatement insert = write.prepareStatement(CHUNK_SQL)) {
                    insert.setString(1, job.tenant());
                    insert.setObject(2, job.id());
                    insert.setInt(3, fileNo);
                    insert.setInt(4, chunkNo++);
                    insert.setBytes(5, chunk.toByteArray());
                    insert.executeUpdate();
                }
                chunk.reset();
            }
            if (last) {
                try (PreparedStatement file = write.prepareStatement(FILE_SQL)) {
                    file.setString(1, job.tenant());
                    file.setObject(2, job.id());
                    file.setInt(3, fileNo);
                    file.setString(4, type);
                    file.setLong(5, count);
                    file.setInt(6, chunkNo);
                    file.setString(7, section);
                    file.executeUpdate();
                }
            }
            write.commit();
            lastBeat = System.nanoTime();
            if (last) {
                metrics.exported(count);
            }
        }
    }

    /** Marks the job failed and drops its files, if it is still this run's (a run taken over leaves it be). */
    private void fail(Connection write, Claimed job) {
        try {
            TenantSql.enter(write, job.tenant());
            try (PreparedStatement fail = write.prepareStatement(FAIL_SQL)) {
                fail.setString(1, "The export failed on the server; start it again (the server's log has the "
                        + "cause under job " + job.id() + ")");
                fail.setLong(2, config.retention().toSeconds());
                fail.setString(3, job.tenant());
                fail.setObject(4, job.id());
                fail.setObject(5, job.run());
                if (fail.executeUpdate() == 1) {
                    execute(write, CLEAR_CHUNKS_SQL, job.tenant(), job.id());
                    execute(write, CLEAR_FILES_SQL, job.tenant(), job.id());
                }
            }
            write.commit();
        } catch (SQLException e) {
            LOG.errorf(e, "Export %s of tenant %s could not be marked failed", job.id(), job.tenant());
        }
    }

    private static void execute(Connection connection, String sql, String tenant, UUID id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tenant);
            statement.setObject(2, id);
            statement.executeUpdate();
        }
    }

    private static String[] strings(Array array) throws SQLException {
        return array == null ? null : (String[]) array.getArray();
    }
}
