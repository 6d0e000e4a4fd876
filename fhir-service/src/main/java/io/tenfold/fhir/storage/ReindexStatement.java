package io.tenfold.fhir.storage;

import java.util.ArrayList;
import java.util.List;

import io.tenfold.fhir.search.index.SearchIndexer;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Replaces the index rows and memberships of stored resources of one tenant with rows computed again, in one
 * statement, and marks them indexed with {@link SearchIndexer#VERSION}. Only where the resource is still at the
 * version the rows were computed from: the row lock of that update also keeps a writer from slipping in between.
 * Versions, history and events are untouched: nothing about the resources changed.
 */
final class ReindexStatement {

    static final String SQL = """
            WITH input AS MATERIALIZED (
                SELECT res_type, id, version,
                       coalesce(string_to_array(nullif(compartments, ''), ','), '{}') AS compartments
                FROM unnest($2::text[], $3::text[], $4::int[], $5::text[]) AS i(res_type, id, version, compartments)
            ), reindexed AS MATERIALIZED (
                UPDATE fhir.resources cur SET indexed_with = $6, compartments = input.compartments
                FROM input
                WHERE cur.tenant_id = $1 AND cur.res_type = input.res_type AND cur.id = input.id
                  AND cur.version = input.version AND NOT cur.deleted
                RETURNING cur.res_type, cur.id, cur.compartments
""" + IndexColumns.deletes("reindexed") + """
            ), d8 AS (DELETE FROM fhir.compartment_members t USING reindexed r
                      WHERE t.tenant_id = $1 AND t.res_type = r.res_type AND t.res_id = r.id
                        AND t.patient_id <> ALL (r.compartments)
""" + IndexColumns.inserts(7, "reindexed") + """
            ), i8 AS (INSERT INTO fhir.compartment_members (tenant_id, patient_id, res_type, res_id)
                      SELECT $1, p, res_type, id FROM reindexed, unnest(reindexed.compartments) AS p
                      ON CONFLICT DO NOTHING
            )
            SELECT count(*) AS reindexed FROM reindexed
            """;

    private ReindexStatement() {
    }

    static Tuple params(String tenant, List<Reindexing> batch) {
        int n = batch.size();
        String[] types = new String[n];
        String[] ids = new String[n];
        Integer[] versions = new Integer[n];
        String[] compartments = new String[n];
        IndexColumns index = new IndexColumns();
        for (int i = 0; i < n; i++) {
            Reindexing r = batch.get(i);
            types[i] = r.type();
            ids[i] = r.id();
            versions[i] = r.version();
            compartments[i] = String.join(",", r.compartments());
            index.add(r.type(), r.id(), r.index());
        }
        List<Object> values = new ArrayList<>(6 + IndexColumns.PARAMETERS);
        values.add(tenant);
        values.add(types);
        values.add(ids);
        values.add(versions);
        values.add(compartments);
        values.add(SearchIndexer.VERSION);
        index.addTo(values);
        return Tuple.from(values);
    }
}
