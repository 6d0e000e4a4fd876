package io.tenfold.fhir.storage;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tenfold.fhir.parse.ResourceParser;
import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.error.ResourceVersionConflictException;
import io.tenfold.commons.outbox.Outbox;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.fhir.search.index.SearchIndexer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The FHIR resources of every tenant in PostgreSQL: current versions, every version, and (through
 * {@link WriteStatement}) their search indexes. Every statement names the tenant and runs in a transaction scoped
 * to it by row-level security.
 */
@ApplicationScoped
public class ResourceStore {

    private static final String CURRENT_SQL = "SELECT res_type, id, version, last_updated, deleted, body::text AS body, "
            + "compartments FROM fhir.resources WHERE tenant_id = $1 AND res_type = $2 AND id = $3";
    private static final String LOCK_SQL = CURRENT_SQL + " FOR UPDATE";
    private static final String VERSION_SQL = "SELECT res_type, id, version, last_updated, deleted, method, "
            + "body::text AS body, compartments FROM fhir.resource_versions "
            + "WHERE tenant_id = $1 AND res_type = $2 AND id = $3 AND version = $4";

    /**
     * Before a batch replaces versions: their rows locked, in a statement of its own. The write statement then
     * starts after any reindexing of them committed, and its snapshot sees (and deletes) the rows that wrote.
     */
    private static final String LOCK_REPLACED_SQL = "SELECT 1 FROM fhir.resources WHERE tenant_id = $1 "
            + "AND (res_type, id) IN (SELECT * FROM unnest($2::text[], $3::text[])) FOR UPDATE";

    private static final String REINDEX_LOCK_SQL =
            "SELECT pg_try_advisory_xact_lock(hashtext('tenfold.fhir.reindex')) AS locked, "
            + "set_config('plan_cache_mode', 'force_custom_plan', true)";
    /** The version is written into the statement, so that the planner can use the partial index of V6 for it. */
    private static final String STALE_SQL = "SELECT tenant_id, res_type, id, version, body::text AS body "
            + "FROM fhir.resources WHERE (tenant_id, res_type, id) > ($1, $2, $3) AND indexed_with < "
            + SearchIndexer.VERSION + " AND NOT deleted ORDER BY tenant_id, res_type, id LIMIT $4";

    private final Pool pool;
    private final Outbox outbox;

    public ResourceStore(Pool pool, Outbox outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    /** The current version of a resource (possibly a deletion), or null if it never existed. */
    public Uni<StoredResource> current(TenantId tenant, String type, String id) {
        if (!ResourceParser.isValidId(id)) {
            return Uni.createFrom().nullItem(); // no resource has it (nor could PostgreSQL take every such text)
        }
        return PgTx.runAll(pool, tenant.value(), PgTx.Plans.GENERIC, List.of(CURRENT_SQL),
                List.of(Tuple.of(tenant.value(), type, id)))
                .map(rows -> first(rows.get(0), false));
    }

    /** A version of a resource, or null if there is no such version. */
    public Uni<StoredResource> version(TenantId tenant, String type, String id, int version) {
        if (!ResourceParser.isValidId(id)) {
            return Uni.createFrom().nullItem();
        }
        return PgTx.runAll(pool, tenant.value(), PgTx.Plans.GENERIC, List.of(VERSION_SQL),
                List.of(Tuple.of(tenant.value(), type, id, version)))
                .map(rows -> first(rows.get(0), true));
    }

    /** In {@code tx}: the current version of a resource (seeing the transaction's own writes); null if none. */
    public Uni<StoredResource> current(PgTx tx, TenantId tenant, String type, String id) {
        return tx.send(CURRENT_SQL, Tuple.of(tenant.value(), type, id)).map(rows -> first(rows, false));
    }

    /** In {@code tx}: a version of a resource; null if there is no such version. */
    public Uni<StoredResource> version(PgTx tx, TenantId tenant, String type, String id, int version) {
        return tx.send(VERSION_SQL, Tuple.of(tenant.value(), type, id, version)).map(rows -> first(rows, true));
    }

    /** In {@code tx}: the current version of a resource, locked until the transaction ends; null if none. */
    public Uni<StoredResource> lock(PgTx tx, TenantId tenant, String type, String id) {
        return tx.send(LOCK_SQL, Tuple.of(tenant.value(), type, id)).map(rows -> first(rows, false));
    }

    /**
     * Stores new versions in its own transaction (one round trip). Fails with a version conflict, writing
     * nothing, if another writer got to one of them first.
     */
    public Uni<Void> write(TenantId tenant, Instant at, List<ResourceWrite> writes) {
        return PgTx.run(pool, tenant.value(), plans(writes), tx -> write(tx, tenant, at, writes))
                .invoke(outbox::published);
    }

    /**
     * In {@code tx}: stores new versions; the caller commits (and then tells the outbox). Creates only insert, so
     * their statement keeps one generic plan per connection (planning it was half its cost); replacing versions
     * deletes index rows from the partitioned tables, which a generic plan would open all of: planned each time.
     */
    public Uni<Void> write(PgTx tx, TenantId tenant, Instant at, List<ResourceWrite> writes) {
        PgTx.Plans plans = plans(writes);
        String sql = plans == PgTx.Plans.GENERIC ? WriteStatement.CREATE_SQL : WriteStatement.SQL;
        if (plans == PgTx.Plans.PER_EXECUTION) {
            List<ResourceWrite> replacing = writes.stream().filter(w -> w.version() > 1).toList();
            tx.send(LOCK_REPLACED_SQL, Tuple.of(tenant.value(),
                    replacing.stream().map(ResourceWrite::type).toArray(String[]::new),
                    replacing.stream().map(ResourceWrite::id).toArray(String[]::new)), plans);
        }
        return tx.send(sql, WriteStatement.params(tenant.value(), at, writes), plans).map(rows -> {
            long written = rows.iterator().next().getLong("written");
            if (written != writes.size()) {
                throw new ResourceVersionConflictException("version-conflict",
                        "The resource was changed by another request at the same time; read it and try again");
            }
            return null;
        });
    }

    private static PgTx.Plans plans(List<ResourceWrite> writes) {
        return writes.stream().allMatch(w -> w.version() == 1) ? PgTx.Plans.GENERIC : PgTx.Plans.PER_EXECUTION;
    }

    /**
     * One step of bringing index rows up to the running rules, in one transaction that holds the reindexing lock
     * (one replica at a time): up to {@code limit} resources after {@code after} (in key order, across tenants)
     * indexed with older rules, their rows computed by {@code compute} (null: leave it) and written back where the
     * resource is still at that version. Nothing is done when another replica holds the lock.
     */
    public Uni<ReindexStep> reindex(StaleIndex after, int limit, Function<StaleIndex, Reindexing> compute) {
        return TenantScope.inTransaction(pool, TenantScope.ALL, connection -> connection
                .preparedQuery(REINDEX_LOCK_SQL).execute()
                .chain(lock -> {
                    if (!lock.iterator().next().getBoolean("locked")) {
                        return Uni.createFrom().item(ReindexStep.BUSY);
                    }
                    return connection.preparedQuery(STALE_SQL).execute(Tuple.of(after.tenant(), after.type(),
                            after.id(), limit))
                            .chain(rows -> reindex(connection, rows, compute));
                }));
    }

    private static Uni<ReindexStep> reindex(SqlConnection connection, RowSet<Row> rows,
            Function<StaleIndex, Reindexing> compute) {
        Map<String, List<Reindexing>> byTenant = new LinkedHashMap<>();
        StaleIndex last = null;
        for (Row row : rows) {
            last = new StaleIndex(row.getString("tenant_id"), row.getString("res_type"), row.getString("id"),
                    row.getInteger("version"), row.getString("body"));
            Reindexing again = compute.apply(last);
            if (again != null) {
                byTenant.computeIfAbsent(last.tenant(), t -> new ArrayList<>()).add(again);
            }
        }
        StaleIndex through = last;
        List<Uni<Integer>> written = new ArrayList<>();
        byTenant.forEach((tenant, batch) -> written.add(connection.preparedQuery(ReindexStatement.SQL)
                .execute(ReindexStatement.params(tenant, batch))
                .map(result -> result.iterator().next().getLong("reindexed").intValue())));
        if (written.isEmpty()) {
            return Uni.createFrom().item(new ReindexStep(through, 0));
        }
        return Uni.join().all(written).andFailFast()
                .map(counts -> new ReindexStep(through, counts.stream().mapToInt(Integer::intValue).sum()));
    }

    /** Wakes the outbox relay after a transaction that wrote through {@link #write(PgTx, TenantId, Instant, List)}. */
    public void published() {
        outbox.published();
    }

    public Pool pool() {
        return pool;
    }

    static StoredResource first(RowSet<Row> rows, boolean withMethod) {
        var it = rows.iterator();
        return it.hasNext() ? stored(it.next(), withMethod) : null;
    }

    public static StoredResource stored(Row row, boolean withMethod) {
        OffsetDateTime updated = row.getOffsetDateTime("last_updated");
        String[] compartments = row.getArrayOfStrings("compartments");
        boolean deleted = row.getBoolean("deleted");
        return new StoredResource(row.getString("res_type"), row.getString("id"), row.getInteger("version"),
                updated.toInstant(), deleted, withMethod ? row.getString("method") : null, row.getString("body"),
                compartments == null ? List.of() : new ArrayList<>(Arrays.asList(compartments)));
    }
}
