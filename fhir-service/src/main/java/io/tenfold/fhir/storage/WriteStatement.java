package io.tenfold.fhir.storage;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.tenfold.commons.event.EventCodec;
import io.tenfold.commons.event.EventEnvelope;
import io.tenfold.commons.event.Topics;
import io.tenfold.fhir.event.ResourceChanged;
import io.tenfold.fhir.search.index.SearchIndexer;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stores a batch of new versions (one create, or every entry of a transaction) in ONE statement: the current
 * rows (upserted, an update only over the version it read), the history, the old index rows out and the new in,
 * the compartment memberships, and one {@code resource-changed} event each in the outbox. Everything travels as
 * arrays, so the statement is the same prepared one whatever the batch size.
 */
final class WriteStatement {

    private static final String HEAD = """
            WITH input AS MATERIALIZED (
                SELECT res_type, id, version, deleted, method, body::jsonb AS body,
                       coalesce(string_to_array(nullif(compartments, ''), ','), '{}') AS compartments
                FROM unnest($3::text[], $4::text[], $5::int[], $6::bool[], $7::text[], $8::text[], $9::text[])
                     AS i(res_type, id, version, deleted, method, body, compartments)
            ), written AS (
                INSERT INTO fhir.resources AS cur
                       (tenant_id, res_type, id, seq, version, last_updated, deleted, body, compartments, indexed_with)
                SELECT $1, res_type, id, nextval('fhir.resource_seq'), version, $2, deleted, body, compartments, $57
                FROM input
                ON CONFLICT (tenant_id, res_type, id) DO UPDATE
                   SET version = excluded.version, last_updated = excluded.last_updated,
                       deleted = excluded.deleted, body = excluded.body, compartments = excluded.compartments,
                       indexed_with = excluded.indexed_with
                   WHERE cur.version = excluded.version - 1
                RETURNING 1
            ), versions AS (
                INSERT INTO fhir.resource_versions
                       (tenant_id, res_type, id, version, last_updated, deleted, method, body, compartments)
                SELECT $1, res_type, id, version, $2, deleted, method, body, compartments FROM input
""";

    /** Only when a version replaces another: the old index rows and memberships go. */
    private static final String REPLACED = """
            ), replaced AS MATERIALIZED (
                SELECT res_type, id, deleted, compartments FROM input WHERE version > 1
""" + IndexColumns.deletes("replaced") + """
            ), d8 AS (DELETE FROM fhir.compartment_members t USING replaced r
                      WHERE t.tenant_id = $1 AND t.res_type = r.res_type AND t.res_id = r.id
                        AND (r.deleted OR t.patient_id <> ALL (r.compartments))
""";

    private static final String INSERTS = IndexColumns.inserts(10, null) + """
            ), i8 AS (INSERT INTO fhir.compartment_members (tenant_id, patient_id, res_type, res_id)
                      SELECT $1, p, res_type, id FROM input, unnest(input.compartments) AS p
                      WHERE NOT input.deleted
                      ON CONFLICT DO NOTHING
            ), events AS (INSERT INTO fhir.outbox (tenant_id, topic, record_key, value, event_id, event_type)
                      SELECT $1, $52, k, v, e, $53 FROM unnest($54::text[], $55::text[], $56::uuid[]) AS o(k, v, e)
            )
            SELECT count(*) AS written FROM written
            """;

    /** Any batch. */
    static final String SQL = HEAD + REPLACED + INSERTS;

    /**
     * A batch of first versions only (creates): nothing to replace, so no deletes for PostgreSQL to plan, which is
     * most of the planning time of the full statement.
     */
    static final String CREATE_SQL = HEAD + INSERTS;

    private WriteStatement() {
    }

    /** The parameters of {@link #SQL} for a batch written at {@code at}. */
    static Tuple params(String tenant, Instant at, List<ResourceWrite> writes) {
        int n = writes.size();
        String[] types = new String[n];
        String[] ids = new String[n];
        Integer[] versions = new Integer[n];
        Boolean[] deleted = new Boolean[n];
        String[] methods = new String[n];
        String[] bodies = new String[n];
        String[] compartments = new String[n];
        IndexColumns index = new IndexColumns();
        String[] eventKeys = new String[n];
        String[] eventValues = new String[n];
        UUID[] eventIds = new UUID[n];
        for (int i = 0; i < n; i++) {
            ResourceWrite w = writes.get(i);
            types[i] = w.type();
            ids[i] = w.id();
            versions[i] = w.version();
            deleted[i] = w.deleted();
            methods[i] = w.method().name();
            bodies[i] = w.body();
            compartments[i] = String.join(",", w.compartments());
            if (w.index() != null && !w.deleted()) {
                index.add(w.type(), w.id(), w.index());
            }
            EventEnvelope event = EventEnvelope.of(ResourceChanged.TYPE, tenant, null, new ResourceChanged(
                    w.type(), w.id(), w.version(), action(w), at, w.compartments()));
            eventKeys[i] = tenant + "/" + w.type() + "/" + w.id();
            eventValues[i] = EventCodec.encode(event);
            eventIds[i] = event.eventId();
        }
        List<Object> values = new ArrayList<>(57);
        values.add(tenant);
        values.add(OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        values.add(types);
        values.add(ids);
        values.add(versions);
        values.add(deleted);
        values.add(methods);
        values.add(bodies);
        values.add(compartments);
        index.addTo(values);
        values.add(Topics.FHIR_RESOURCE_CHANGED);
        values.add(ResourceChanged.TYPE);
        values.add(eventKeys);
        values.add(eventValues);
        values.add(eventIds);
        values.add(SearchIndexer.VERSION);
        return Tuple.from(values);
    }

    private static String action(ResourceWrite w) {
        return w.deleted() ? "delete" : w.version() == 1 ? "create" : "update";
    }
}
