package io.tenfold.fhir.storage;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

import io.tenfold.commons.event.EventCodec;
import io.tenfold.commons.event.EventEnvelope;
import io.tenfold.commons.event.Topics;
import io.tenfold.fhir.event.ResourceChanged;
import io.tenfold.fhir.search.index.DateRow;
import io.tenfold.fhir.search.index.IndexRows;
import io.tenfold.fhir.search.index.NumberRow;
import io.tenfold.fhir.search.index.QuantityRow;
import io.tenfold.fhir.search.index.ReferenceRow;
import io.tenfold.fhir.search.index.StringRow;
import io.tenfold.fhir.search.index.TokenRow;
import io.tenfold.fhir.search.index.UriRow;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;

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
                       (tenant_id, res_type, id, seq, version, last_updated, deleted, body, compartments)
                SELECT $1, res_type, id, nextval('fhir.resource_seq'), version, $2, deleted, body, compartments
                FROM input
                ON CONFLICT (tenant_id, res_type, id) DO UPDATE
                   SET version = excluded.version, last_updated = excluded.last_updated,
                       deleted = excluded.deleted, body = excluded.body, compartments = excluded.compartments
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
            ), d1 AS (DELETE FROM fhir.search_token t USING replaced r
                      WHERE t.tenant_id = $1 AND t.res_type = r.res_type AND t.res_id = r.id
            ), d2 AS (DELETE FROM fhir.search_string t USING replaced r
                      WHERE t.tenant_id = $1 AND t.res_type = r.res_type AND t.res_id = r.id
            ), d3 AS (DELETE FROM fhir.search_reference t USING replaced r
                      WHERE t.tenant_id = $1 AND t.res_type = r.res_type AND t.res_id = r.id
            ), d4 AS (DELETE FROM fhir.search_date t USING replaced r
                      WHERE t.tenant_id = $1 AND t.res_type = r.res_type AND t.res_id = r.id
            ), d5 AS (DELETE FROM fhir.search_number t USING replaced r
                      WHERE t.tenant_id = $1 AND t.res_type = r.res_type AND t.res_id = r.id
            ), d6 AS (DELETE FROM fhir.search_quantity t USING replaced r
                      WHERE t.tenant_id = $1 AND t.res_type = r.res_type AND t.res_id = r.id
            ), d7 AS (DELETE FROM fhir.search_uri t USING replaced r
                      WHERE t.tenant_id = $1 AND t.res_type = r.res_type AND t.res_id = r.id
            ), d8 AS (DELETE FROM fhir.compartment_members t USING replaced r
                      WHERE t.tenant_id = $1 AND t.res_type = r.res_type AND t.res_id = r.id
                        AND (r.deleted OR t.patient_id <> ALL (r.compartments))
""";

    private static final String INSERTS = """
            ), i1 AS (INSERT INTO fhir.search_token (tenant_id, res_type, res_id, param, system, code, display, grp)
                      SELECT $1, * FROM unnest($10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                                               $15::text[], $16::int[])
            ), i2 AS (INSERT INTO fhir.search_string (tenant_id, res_type, res_id, param, normalized, exact, grp)
                      SELECT $1, * FROM unnest($17::text[], $18::text[], $19::text[], $20::text[], $21::text[],
                                               $22::int[])
            ), i3 AS (INSERT INTO fhir.search_reference
                             (tenant_id, res_type, res_id, param, target_type, target_id, url, grp)
                      SELECT $1, * FROM unnest($23::text[], $24::text[], $25::text[], $26::text[], $27::text[],
                                               $28::text[], $29::int[])
            ), i4 AS (INSERT INTO fhir.search_date (tenant_id, res_type, res_id, param, low, high, grp)
                      SELECT $1, * FROM unnest($30::text[], $31::text[], $32::text[], $33::timestamptz[],
                                               $34::timestamptz[], $35::int[])
            ), i5 AS (INSERT INTO fhir.search_number (tenant_id, res_type, res_id, param, value, grp)
                      SELECT $1, * FROM unnest($36::text[], $37::text[], $38::text[], $39::numeric[], $40::int[])
            ), i6 AS (INSERT INTO fhir.search_quantity (tenant_id, res_type, res_id, param, system, code, value, grp)
                      SELECT $1, * FROM unnest($41::text[], $42::text[], $43::text[], $44::text[], $45::text[],
                                               $46::numeric[], $47::int[])
            ), i7 AS (INSERT INTO fhir.search_uri (tenant_id, res_type, res_id, param, value)
                      SELECT $1, * FROM unnest($48::text[], $49::text[], $50::text[], $51::text[])
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


    private static final IntFunction<Object[]> S = String[]::new;
    private static final IntFunction<Object[]> T = OffsetDateTime[]::new;
    private static final IntFunction<Object[]> N = Numeric[]::new;
    private static final IntFunction<Object[]> G = Integer[]::new;

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
        Columns tokens = new Columns(S, S, S, S, S, S, G);
        Columns strings = new Columns(S, S, S, S, S, G);
        Columns references = new Columns(S, S, S, S, S, S, G);
        Columns dates = new Columns(S, S, S, T, T, G);
        Columns numbers = new Columns(S, S, S, N, G);
        Columns quantities = new Columns(S, S, S, S, S, N, G);
        Columns uris = new Columns(S, S, S, S);
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
            IndexRows index = w.index();
            if (index != null && !w.deleted()) {
                for (TokenRow r : index.tokens()) {
                    tokens.add(w.type(), w.id(), r.param(), r.system(), r.code(), r.text(), r.grp());
                }
                for (StringRow r : index.strings()) {
                    strings.add(w.type(), w.id(), r.param(), r.normalized(), r.exact(), r.grp());
                }
                for (ReferenceRow r : index.references()) {
                    references.add(w.type(), w.id(), r.param(), r.targetType(), r.targetId(), r.url(), r.grp());
                }
                for (DateRow r : index.dates()) {
                    dates.add(w.type(), w.id(), r.param(), bound(r.low(), OffsetDateTime.MIN),
                            bound(r.high(), OffsetDateTime.MAX), r.grp());
                }
                for (NumberRow r : index.numbers()) {
                    numbers.add(w.type(), w.id(), r.param(), Numeric.create(r.value()), r.grp());
                }
                for (QuantityRow r : index.quantities()) {
                    quantities.add(w.type(), w.id(), r.param(), r.system(), r.code(), Numeric.create(r.value()), r.grp());
                }
                for (UriRow r : index.uris()) {
                    uris.add(w.type(), w.id(), r.param(), r.value());
                }
            }
            EventEnvelope event = EventEnvelope.of(ResourceChanged.TYPE, tenant, null, new ResourceChanged(
                    w.type(), w.id(), w.version(), action(w), at, w.compartments()));
            eventKeys[i] = tenant + "/" + w.type() + "/" + w.id();
            eventValues[i] = EventCodec.encode(event);
            eventIds[i] = event.eventId();
        }
        List<Object> values = new ArrayList<>(56);
        values.add(tenant);
        values.add(OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        values.add(types);
        values.add(ids);
        values.add(versions);
        values.add(deleted);
        values.add(methods);
        values.add(bodies);
        values.add(compartments);
        tokens.addTo(values);
        strings.addTo(values);
        references.addTo(values);
        dates.addTo(values);
        numbers.addTo(values);
        quantities.addTo(values);
        uris.addTo(values);
        values.add(Topics.FHIR_RESOURCE_CHANGED);
        values.add(ResourceChanged.TYPE);
        values.add(eventKeys);
        values.add(eventValues);
        values.add(eventIds);
        return Tuple.from(values);
    }

    private static String action(ResourceWrite w) {
        return w.deleted() ? "delete" : w.version() == 1 ? "create" : "update";
    }

    /** An open end of a period is PostgreSQL's -infinity / infinity, which the client maps from MIN / MAX. */
    private static OffsetDateTime bound(Instant instant, OffsetDateTime open) {
        return instant == null ? open : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Column-wise arrays of index rows, each column an array of its SQL type's Java class. */
    private static final class Columns {
        private final IntFunction<Object[]>[] types;
        private final List<List<Object>> columns = new ArrayList<>();

        @SafeVarargs
        Columns(IntFunction<Object[]>... types) {
            this.types = types;
            for (int i = 0; i < types.length; i++) {
                columns.add(new ArrayList<>());
            }
        }

        void add(Object... row) {
            for (int i = 0; i < row.length; i++) {
                columns.get(i).add(row[i]);
            }
        }

        void addTo(List<Object> values) {
            for (int i = 0; i < types.length; i++) {
                List<Object> column = columns.get(i);
                values.add(column.toArray(types[i].apply(column.size())));
            }
        }
    }
}
