package io.tenfold.bulk.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

import io.tenfold.local.testing.Db;
import io.vertx.core.json.JsonObject;

/** Resources stored in fhir.resources as fhir-service stores them (body with meta, compartments), for exports. */
public final class FhirRows {

    private static final String INSERT_SQL = "INSERT INTO fhir.resources (tenant_id, res_type, id, seq, version, "
            + "last_updated, deleted, body, compartments) VALUES (?, ?, ?, nextval('fhir.resource_seq'), 1, ?, ?, "
            + "?::jsonb, ?)";

    private FhirRows() {
    }

    public static JsonObject patient(String tenant, String id) {
        return store(tenant, new JsonObject().put("resourceType", "Patient").put("id", id)
                .put("name", List.of(new JsonObject().put("family", "Family " + id))), List.of(id), false);
    }

    public static JsonObject observation(String tenant, String id, String patientId) {
        return store(tenant, new JsonObject().put("resourceType", "Observation").put("id", id).put("status", "final")
                .put("code", new JsonObject().put("text", "weight"))
                .put("subject", new JsonObject().put("reference", "Patient/" + patientId)),
                List.of(patientId), false);
    }

    /** A resource in no patient's compartment. */
    public static JsonObject practitioner(String tenant, String id) {
        return store(tenant, new JsonObject().put("resourceType", "Practitioner").put("id", id), List.of(), false);
    }

    public static JsonObject group(String tenant, String id, String... members) {
        JsonObject group = new JsonObject().put("resourceType", "Group").put("id", id).put("type", "person")
                .put("actual", true);
        for (String member : members) {
            group.put("member", group.getJsonArray("member", new io.vertx.core.json.JsonArray())
                    .add(new JsonObject().put("entity", new JsonObject().put("reference", "Patient/" + member))));
        }
        return store(tenant, group, List.of(), false);
    }

    /** A deleted resource: its row stays (body NULL), an export leaves it out. */
    public static void deleted(String tenant, String type, String id) {
        store(tenant, new JsonObject().put("resourceType", type).put("id", id), List.of(), true);
    }

    public static JsonObject store(String tenant, JsonObject resource, List<String> compartments, boolean deleted) {
        OffsetDateTime now = OffsetDateTime.now();
        resource.put("meta", new JsonObject().put("versionId", "1").put("lastUpdated", now.toString()));
        try (Connection db = Db.admin(); PreparedStatement insert = db.prepareStatement(INSERT_SQL)) {
            insert.setString(1, tenant);
            insert.setString(2, resource.getString("resourceType"));
            insert.setString(3, resource.getString("id"));
            insert.setObject(4, now);
            insert.setBoolean(5, deleted);
            insert.setString(6, deleted ? null : resource.encode());
            insert.setArray(7, db.createArrayOf("text", compartments.toArray(String[]::new)));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return resource;
    }
}
