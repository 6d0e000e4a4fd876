package io.tenfold.bulk.export;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.error.ResourceNotFoundException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What a kick-off reads of the tenant's FHIR data (fhir.resources, through the read grant fhir-service gives
 * bulk-service's role; row-level security confines it to the tenant): the types it holds, and a Group's members.
 */
@ApplicationScoped
public class FhirData {

    /** The tenant's resource types, one index probe each (a loose scan of the primary key). */
    private static final String TYPES_SQL = """
            WITH RECURSIVE t(res_type) AS (
                SELECT min(res_type) FROM fhir.resources WHERE tenant_id = $1
                UNION ALL
                SELECT (SELECT min(r.res_type) FROM fhir.resources r WHERE r.tenant_id = $1 AND r.res_type > t.res_type)
                FROM t WHERE t.res_type IS NOT NULL)
            SELECT res_type FROM t WHERE res_type IS NOT NULL""";
    private static final String GROUP_SQL = "SELECT body::text AS body FROM fhir.resources "
            + "WHERE tenant_id = $1 AND res_type = 'Group' AND id = $2 AND NOT deleted";
    private static final Pattern PATIENT_REFERENCE = Pattern.compile("(?:.*/)?Patient/([A-Za-z0-9\\-.]{1,64})");

    private final Pool pool;

    public FhirData(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<String>> types(String tenant) {
        return TenantScope.inTransaction(pool, tenant, tx -> tx.preparedQuery(TYPES_SQL).execute(Tuple.of(tenant)))
                .map(rows -> {
                    List<String> types = new ArrayList<>();
                    for (Row row : rows) {
                        types.add(row.getString("res_type"));
                    }
                    return types;
                });
    }

    /** The ids of the Patients a Group lists as active members, or a 404 when the tenant has no such Group. */
    public Uni<List<String>> groupMembers(String tenant, String groupId) {
        return TenantScope.inTransaction(pool, tenant, tx -> tx.preparedQuery(GROUP_SQL)
                .execute(Tuple.of(tenant, groupId))).map(rows -> {
                    if (rows.size() == 0) {
                        throw new ResourceNotFoundException("group-unknown", "Group/" + groupId + " is not known");
                    }
                    return members(new JsonObject(rows.iterator().next().getString("body")));
                });
    }

    static List<String> members(JsonObject group) {
        List<String> patients = new ArrayList<>();
        Object members = group.getValue("member");
        if (!(members instanceof JsonArray list)) {
            return patients;
        }
        for (Object item : list) {
            if (item instanceof JsonObject member && !Boolean.TRUE.equals(member.getValue("inactive"))
                    && member.getValue("entity") instanceof JsonObject entity
                    && entity.getValue("reference") instanceof String reference) {
                Matcher m = PATIENT_REFERENCE.matcher(reference);
                if (m.matches() && !patients.contains(m.group(1))) {
                    patients.add(m.group(1));
                }
            }
        }
        return patients;
    }
}
