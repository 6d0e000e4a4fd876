package io.tenfold.fhir.search.index;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tenfold.fhir.storage.ReindexStep;
import io.tenfold.fhir.storage.Reindexing;
import io.tenfold.fhir.storage.ResourceStore;
import io.tenfold.fhir.storage.StaleIndex;
import io.tenfold.fhir.support.TestTenants;
import io.tenfold.local.testing.Db;
import io.tenfold.local.testing.TestTokens;

/**
 * Resources stored before the indexing rules grew (here: before {@code near} and the composites had rows) are
 * found by the new parameters once the reindexer has run, without a new version, history entry or event; and a
 * resource updated meanwhile keeps the rows of its update.
 */
@QuarkusTest
class ReindexerTest {

    @Inject
    Reindexer reindexer;

    @Inject
    ResourceStore store;

    @Inject
    SearchIndexer indexer;

    static String create(String tenant, String body) {
        String type = JsonPath.from(body).getString("resourceType");
        return given().auth().oauth2(TestTokens.provider(tenant, "user/*.cruds")).contentType("application/fhir+json")
                .body(body).post("/tenant/" + tenant + "/provider/smart-api/" + type).then().statusCode(201)
                .extract().path("id");
    }

    static List<String> search(String tenant, String query) {
        return given().auth().oauth2(TestTokens.provider(tenant, "user/*.cruds")).urlEncodingEnabled(false)
                .get("/tenant/" + tenant + "/provider/smart-api/" + query.replace("|", "%7C")).then()
                .statusCode(200).extract().jsonPath().getList("entry.resource.id", String.class);
    }

    /** As if stored by an older release: no rows of the given parameters, indexed with rules 0. */
    static void makeStale(String tenant, String id, String table, String paramPattern) {
        try (Connection db = Db.admin()) {
            try (PreparedStatement ps = db.prepareStatement("DELETE FROM fhir." + table
                    + " WHERE tenant_id = ? AND res_id = ? AND param LIKE ?")) {
                ps.setString(1, tenant);
                ps.setString(2, id);
                ps.setString(3, paramPattern);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = db.prepareStatement(
                    "UPDATE fhir.resources SET indexed_with = 0 WHERE tenant_id = ? AND id = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, id);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theStaleResourcesAreFoundThroughTheirPartialIndex() {
        assertEquals(1, Db.count("SELECT count(*) FROM pg_indexes WHERE schemaname = 'fhir' "
                + "AND indexname = 'resources_stale_index' AND indexdef LIKE ?",
                "%WHERE (indexed_with < " + SearchIndexer.VERSION + ")"),
                "a migration must replace resources_stale_index when SearchIndexer.VERSION is raised");
    }

    static final String BERLIN = "{\"resourceType\":\"Location\",\"name\":\"Berlin\","
            + "\"position\":{\"latitude\":52.52,\"longitude\":13.405}}";

    @Test
    void storedResourcesAreFoundByWhatTheyWereNotIndexedForOnceReindexed() {
        String tenant = TestTenants.create("reindex");
        String other = TestTenants.create("reindex-o");
        String location = create(tenant, BERLIN);
        String elsewhere = create(other, BERLIN);
        String patient = create(tenant, "{\"resourceType\":\"Patient\"}");
        String observation = create(tenant, "{\"resourceType\":\"Observation\",\"status\":\"final\","
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"29463-7\"}]},"
                + "\"subject\":{\"reference\":\"Patient/" + patient + "\"},"
                + "\"valueQuantity\":{\"value\":72,\"system\":\"http://unitsofmeasure.org\",\"code\":\"kg\"}}");
        makeStale(tenant, location, "search_number", "near$%");
        makeStale(other, elsewhere, "search_number", "near$%");
        makeStale(tenant, observation, "search_token", "%$%");
        makeStale(tenant, observation, "search_quantity", "%$%");
        String near = "Location?near=52.52|13.405|1|km";
        String composite = "Observation?code-value-quantity=http://loinc.org|29463-7$gt70";
        assertEquals(List.of(), search(tenant, near), "stale: not found");
        assertEquals(List.of(), search(tenant, composite), "stale: not found");
        long versions = Db.count("SELECT count(*) FROM fhir.resource_versions WHERE tenant_id = ?", tenant);
        long events = Db.count("SELECT count(*) FROM fhir.outbox WHERE tenant_id = ?", tenant);

        reindexer.all().await().indefinitely();

        assertEquals(List.of(location), search(tenant, near));
        assertEquals(List.of(observation), search(tenant, composite));
        assertEquals(List.of(elsewhere), search(other, near), "each tenant's own rows");
        assertEquals(0, Db.count("SELECT count(*) FROM fhir.resources WHERE tenant_id IN (?, ?) AND indexed_with < ?",
                tenant, other, SearchIndexer.VERSION));
        assertEquals(2, Db.count("SELECT count(*) FROM fhir.search_number WHERE tenant_id = ? AND res_id = ?",
                tenant, location), "latitude and longitude once each");
        assertEquals(1, Db.count("SELECT count(*) FROM fhir.compartment_members WHERE tenant_id = ? AND res_id = ? "
                + "AND patient_id = ?", tenant, observation, patient), "the compartment stays");
        assertEquals(versions, Db.count("SELECT count(*) FROM fhir.resource_versions WHERE tenant_id = ?", tenant),
                "no new version");
        assertEquals(events, Db.count("SELECT count(*) FROM fhir.outbox WHERE tenant_id = ?", tenant), "no event");
        given().auth().oauth2(TestTokens.provider(tenant, "user/*.cruds"))
                .get("/tenant/" + tenant + "/provider/smart-api/Location/" + location).then().statusCode(200)
                .header("ETag", "W/\"1\"");
    }

    @Test
    void rowsComputedFromAVersionThatWasReplacedAreNotWritten() {
        String tenant = TestTenants.create("reindex-v");
        String location = create(tenant, BERLIN);
        given().auth().oauth2(TestTokens.provider(tenant, "user/*.cruds")).contentType("application/fhir+json")
                .body("{\"resourceType\":\"Location\",\"id\":\"" + location + "\",\"name\":\"Hamburg\","
                        + "\"position\":{\"latitude\":53.5511,\"longitude\":9.9937}}")
                .put("/tenant/" + tenant + "/provider/smart-api/Location/" + location).then().statusCode(200);
        makeStale(tenant, location, "search_number", "%");
        // Rows computed from version 1 (Berlin) while version 2 (Hamburg) is current, as by a reindexer that read
        // the resource just before the update: they must not be written.
        IndexRows berlin = indexer.index((Resource) FhirContext.forR4Cached().newJsonParser().parseResource(BERLIN),
                new LocalReferences("http://localhost", tenant));
        ReindexStep step = store.reindex(new StaleIndex(tenant, "", "", 0, null), 1000,
                stale -> stale.id().equals(location) ? new Reindexing("Location", location, 1, berlin, List.of())
                        : null)
                .await().indefinitely();

        assertEquals(0, step.reindexed());
        assertEquals(List.of(), search(tenant, "Location?near=52.52|13.405|1|km"));
    }

    /**
     * An update that arrives while a reindexing transaction holds the resource replaces the rows that transaction
     * wrote: its write statement starts only after that commit (the update locks its resources first), so it sees
     * them to delete. Here the reindexing transaction is played by hand and leaves a row no version has.
     */
    @Test
    void anUpdateWaitingForAReindexingReplacesTheRowsItWrote() throws Exception {
        String tenant = TestTenants.create("reindex-race");
        String location = create(tenant, BERLIN);
        try (Connection reindexing = Db.admin()) {
            reindexing.setAutoCommit(false);
            try (PreparedStatement lock = reindexing.prepareStatement(
                    "UPDATE fhir.resources SET indexed_with = indexed_with WHERE tenant_id = ? AND id = ?");
                    PreparedStatement row = reindexing.prepareStatement("INSERT INTO fhir.search_string "
                            + "(tenant_id, res_type, res_id, param, normalized, exact) "
                            + "VALUES (?, 'Location', ?, 'name', 'ghost', 'Ghost')")) {
                lock.setString(1, tenant);
                lock.setString(2, location);
                lock.executeUpdate();
                row.setString(1, tenant);
                row.setString(2, location);
                row.executeUpdate();
            }
            var update = java.util.concurrent.CompletableFuture.supplyAsync(() -> given()
                    .auth().oauth2(TestTokens.provider(tenant, "user/*.cruds")).contentType("application/fhir+json")
                    .body("{\"resourceType\":\"Location\",\"id\":\"" + location + "\",\"name\":\"Potsdam\"}")
                    .put("/tenant/" + tenant + "/provider/smart-api/Location/" + location).statusCode());
            await().atMost(Duration.ofSeconds(10)).until(() -> Db.count("SELECT count(*) FROM pg_stat_activity "
                    + "WHERE wait_event_type = 'Lock' AND query LIKE '%fhir.resources%'") > 0);
            reindexing.commit();
            assertEquals(200, update.get(10, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertEquals(List.of(), search(tenant, "Location?name=ghost"), "the reindexing's row went with the update");
        assertEquals(List.of(location), search(tenant, "Location?name=potsdam"));
    }
}
