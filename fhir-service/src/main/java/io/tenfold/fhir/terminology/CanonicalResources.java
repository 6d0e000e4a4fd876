package io.tenfold.fhir.terminology;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.tenfold.fhir.storage.PgTx;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The tenant's current conformance resources (ValueSet, CodeSystem) with one of some canonical urls, newest first. */
final class CanonicalResources {

    private static final String FIND = """
            SELECT r.body::text AS body FROM fhir.resources r
            WHERE r.tenant_id = $1 AND r.res_type = $2 AND NOT r.deleted AND r.id IN (
                SELECT u.res_id FROM fhir.search_uri u
                WHERE u.tenant_id = $1 AND u.res_type = $2 AND u.param = 'url' AND u.value = ANY ($3))
            ORDER BY r.last_updated DESC""";

    private CanonicalResources() {
    }

    static Uni<List<JsonObject>> find(PgTx tx, String tenant, String type, Collection<String> urls) {
        return tx.send(FIND, Tuple.of(tenant, type, urls.toArray(String[]::new))).map(rows -> {
            List<JsonObject> found = new ArrayList<>();
            for (Row row : rows) {
                found.add(new JsonObject(row.getString("body")));
            }
            return found;
        });
    }
}
