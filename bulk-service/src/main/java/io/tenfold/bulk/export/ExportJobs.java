package io.tenfold.bulk.export;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.error.TooManyRequestsException;
import io.tenfold.commons.event.AuditEvent;
import io.tenfold.commons.event.EventEnvelope;
import io.tenfold.commons.event.ExportRequested;
import io.tenfold.commons.event.Topics;
import io.tenfold.commons.outbox.Outbox;
import io.tenfold.commons.outbox.OutboxMessage;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The export jobs of bulk-service's database, as the API reads and writes them (the runner has its own
 * statements): accepting one writes the job, its {@code export-requested} event for the workers and its audit
 * event in one transaction.
 */
@ApplicationScoped
public class ExportJobs {

    /** One kick-off of a client at a time: the next waits here until this one commits. */
    private static final String CLIENT_LOCK_SQL = "SELECT pg_advisory_xact_lock(hashtextextended($1 || '/' || $2, 0))";
    /** Counted by a statement of its own, after the lock, so that its snapshot sees the kick-off before. */
    private static final String UNFINISHED_SQL = "SELECT count(*) AS n FROM bulk.export_jobs "
            + "WHERE tenant_id = $1 AND client_id = $2 AND status IN ('accepted', 'in-progress')";
    private static final String INSERT_SQL = "INSERT INTO bulk.export_jobs (tenant_id, id, client_id, kind, "
            + "group_id, patients, types, since, elements, request_url, status, progress) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'accepted', 'queued')";
    private static final String FIND_SQL = "SELECT id, client_id, status, progress, error, request_url, "
            + "transaction_time, expires_at FROM bulk.export_jobs WHERE tenant_id = $1 AND id = $2";
    private static final String FILES_SQL = "SELECT file_no, res_type, resource_count, section FROM bulk.export_files "
            + "WHERE tenant_id = $1 AND job_id = $2 ORDER BY file_no";
    private static final String DELETE_SQL = "DELETE FROM bulk.export_jobs WHERE tenant_id = $1 AND id = $2";

    private final Pool pool;
    private final Outbox outbox;

    public ExportJobs(Pool pool, Outbox outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    /**
     * Accepts a job unless the client already has {@code maxUnfinished} unfinished exports in the tenant (then a
     * 429): the count, the row, the work event and the audit record commit together, one kick-off of a client at a
     * time, so simultaneous kick-offs cannot pass the limit.
     */
    public Uni<Void> accept(String tenant, UUID id, String clientId, String subject, ExportRequest request,
            List<String> types, List<String> patients, int maxUnfinished, int retryAfterSeconds) {
        EventEnvelope work = EventEnvelope.of(ExportRequested.TYPE, tenant, null, new ExportRequested(id.toString()));
        OutboxMessage audit = auditMessage(tenant, new AuditEvent("export-requested", "success", tenant, "provider",
                clientId, subject, null, request.kind().column() + " export of " + String.join(",", types)));
        Tuple row = Tuple.of(tenant, id, clientId, request.kind().column())
                .addString(request.groupId())
                .addArrayOfString(patients == null ? null : patients.toArray(String[]::new))
                .addArrayOfString(types.toArray(String[]::new))
                .addOffsetDateTime(request.since())
                .addArrayOfString(request.elements() == null ? null : request.elements().toArray(String[]::new))
                .addString(request.requestUrl());
        Tuple client = Tuple.of(tenant, clientId);
        return TenantScope.inTransaction(pool, tenant, tx -> tx.preparedQuery(CLIENT_LOCK_SQL).execute(client)
                .chain(() -> tx.preparedQuery(UNFINISHED_SQL).execute(client))
                .invoke(rows -> {
                    long unfinished = rows.iterator().next().getLong("n");
                    if (unfinished >= maxUnfinished) {
                        throw new TooManyRequestsException("too-many-exports", "This client has " + unfinished
                                + " exports running; wait for one to finish or cancel one")
                                .withHeader("Retry-After", String.valueOf(retryAfterSeconds));
                    }
                })
                .chain(() -> tx.preparedQuery(INSERT_SQL).execute(row))
                .chain(() -> outbox.append(tx, OutboxMessage.event(Topics.BULK_EXPORT_REQUESTED, tenant, work)))
                .chain(() -> outbox.append(tx, audit)))
                .invoke(outbox::published)
                .replaceWithVoid();
    }

    /** Records an audit event (through the outbox, like every event). */
    public Uni<Void> audit(String tenant, AuditEvent event) {
        OutboxMessage message = auditMessage(tenant, event);
        return TenantScope.inTransaction(pool, tenant, tx -> outbox.append(tx, message))
                .invoke(outbox::published)
                .replaceWithVoid();
    }

    private static OutboxMessage auditMessage(String tenant, AuditEvent event) {
        return OutboxMessage.event(Topics.AUDIT, tenant, EventEnvelope.of(AuditEvent.TYPE, tenant, null, event));
    }

    /** The job with this id in this tenant, with its files; null when there is none. */
    public Uni<ExportJob> find(String tenant, UUID id) {
        Tuple key = Tuple.of(tenant, id);
        return TenantScope.inTransaction(pool, tenant, tx -> tx.preparedQuery(FIND_SQL).execute(key)
                .chain(jobs -> jobs.size() == 0 ? Uni.createFrom().<ExportJob>nullItem()
                        : tx.preparedQuery(FILES_SQL).execute(key).map(files -> job(jobs, files))));
    }

    /** Deletes a job and its files (a running export notices and stops); whether there was one. */
    public Uni<Boolean> delete(String tenant, UUID id) {
        return TenantScope.inTransaction(pool, tenant, tx -> tx.preparedQuery(DELETE_SQL)
                .execute(Tuple.of(tenant, id))).map(rows -> rows.rowCount() > 0);
    }

    private static ExportJob job(RowSet<Row> jobs, RowSet<Row> fileRows) {
        Row job = jobs.iterator().next();
        List<ExportJob.File> files = new ArrayList<>();
        for (Row file : fileRows) {
            files.add(new ExportJob.File(file.getInteger("file_no"), file.getString("res_type"),
                    file.getLong("resource_count"), file.getString("section")));
        }
        return new ExportJob(job.getUUID("id"), job.getString("client_id"), job.getString("status"),
                job.getString("progress"), job.getString("error"), job.getString("request_url"),
                job.getOffsetDateTime("transaction_time"), job.getOffsetDateTime("expires_at"), files);
    }
}
