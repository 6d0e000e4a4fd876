package io.tenfold.bulk.export;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tenfold.bulk.support.BulkTenants;
import io.tenfold.bulk.support.FhirRows;
import io.tenfold.commons.event.AccessPolicyState;
import io.tenfold.commons.event.AuditEvent;
import io.tenfold.commons.event.EventCodec;
import io.tenfold.commons.event.EventEnvelope;
import io.tenfold.commons.event.TokensRevoked;
import io.tenfold.commons.event.Topics;
import io.tenfold.local.testing.Db;
import io.tenfold.local.testing.SharedInfra;
import io.tenfold.local.testing.TenantEvents;
import io.tenfold.local.testing.TestAuthServer;
import io.tenfold.local.testing.TestTokens;
import io.tenfold.local.testing.TopicProbe;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A backend service exports a tenant's data through the Bulk Data API: kick-off, status, manifest, NDJSON files,
 * cancel; only what its token's scopes and the tenant's access policies allow, only its own jobs, never another
 * tenant's resources.
 */
@QuarkusTest
class BulkExportTest {

    private static String tenant;
    private static String other;

    @BeforeEach
    void clinics() {
        if (tenant != null) {
            return;
        }
        tenant = BulkTenants.create("bulk");
        other = BulkTenants.create("bulk-other");
        for (String p : List.of("p1", "p2", "p3")) {
            FhirRows.patient(tenant, p);
            for (int i = 0; i < 3; i++) {
                FhirRows.observation(tenant, p + "-obs" + i, p);
            }
        }
        FhirRows.practitioner(tenant, "doc");
        FhirRows.deleted(tenant, "Patient", "gone");
        FhirRows.group(tenant, "cohort", "p2");
        FhirRows.patient(other, "p1");
        FhirRows.observation(other, "p1-obs0", "p1");
        FhirRows.patient(other, "stranger");
    }

    @Test
    void aSystemExportHoldsEveryCurrentResourceOfTheTypesInFilesOfTheManifest() {
        String token = TestTokens.provider(tenant, "system/*.rs");
        String status = kickOff(token, "/$export?_type=Patient,Observation&_outputFormat=application/fhir+ndjson");
        JsonObject manifest = manifest(token, status);

        assertEquals(true, manifest.getBoolean("requiresAccessToken"));
        assertTrue(Instant.parse(manifest.getString("transactionTime")).isBefore(Instant.now()));
        assertEquals(SharedInfra.PUBLIC_BASE_URL + "/tenant/" + tenant
                + "/bulk-api/$export?_type=Patient,Observation&_outputFormat=application/fhir+ndjson",
                URLDecoder.decode(manifest.getString("request"), StandardCharsets.UTF_8));
        assertEquals(new JsonArray(), manifest.getJsonArray("error"));
        assertEquals(Set.of("p1", "p2", "p3"), ids(token, manifest, "Patient"));
        assertEquals(9, ids(token, manifest, "Observation").size());
        // four resources a file: 3 Patients in one file, 9 Observations in three
        assertEquals(4, manifest.getJsonArray("output").size());
    }

    @Test
    void kickOffsAndDownloadsAreAudited() {
        String audited = BulkTenants.create("bulk-audit");
        FhirRows.patient(audited, "a");
        String token = TestTokens.provider(audited, "system/*.rs");
        ids(token, manifest(token, kickOff(audited, token, "/$export?_type=Patient")), "Patient");
        List<String> actions = await().atMost(Duration.ofSeconds(15)).until(() -> TopicProbe.messages(
                Topics.AUDIT, m -> audited.equals(m.key())).stream()
                .map(m -> EventCodec.decode(m.value()).payloadAs(AuditEvent.class))
                .map(e -> e.action() + " " + e.clientId() + " " + e.detail()).toList(), list -> list.size() == 2);
        assertEquals("export-requested app system export of Patient", actions.get(0));
        assertTrue(actions.get(1).startsWith("export-downloaded app 1 Patient (output) of export "), actions.get(1));
    }

    @Test
    void operatorsSeeExportsAndResourcesInTheMetrics() {
        double before = exported();
        String token = TestTokens.provider(tenant, "system/*.rs");
        manifest(token, kickOff(token, "/$export?_type=Observation"));
        assertEquals(9, exported() - before, 0.0);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("tenfold_bulk_exports_total{outcome=\"completed\"}"))
                .body(containsString("tenfold_bulk_export_seconds_count"));
    }

    private static double exported() {
        for (String line : given().get("/q/metrics").then().extract().asString().split("\n")) {
            if (line.startsWith("tenfold_bulk_resources_exported_total ")) {
                return Double.parseDouble(line.substring(line.indexOf(' ') + 1));
            }
        }
        return 0;
    }

    @Test
    void withoutTypeTheExportHoldsEveryTypeOfTheTenantAndNothingOfAnother() {
        String token = TestTokens.provider(tenant, "system/*.read");
        JsonObject manifest = manifest(token, kickOff(token, "/$export"));
        assertEquals(Set.of("Group", "Observation", "Patient", "Practitioner"), types(manifest));
        assertEquals(Set.of("p1", "p2", "p3"), ids(token, manifest, "Patient"));

        String otherToken = TestTokens.provider(other, "system/*.rs");
        JsonObject theirs = manifest(otherToken, kickOff(other, otherToken, "/$export"));
        assertEquals(Set.of("p1", "stranger"), ids(otherToken, theirs, "Patient"));
        assertEquals(Set.of("p1-obs0"), ids(otherToken, theirs, "Observation"));
    }

    @Test
    void aPatientExportHoldsTheCompartmentsAndAGroupExportOnlyItsMembers() {
        String token = TestTokens.provider(tenant, "system/*.rs");
        JsonObject patients = manifest(token, kickOff(token, "/Patient/$export"));
        assertEquals(Set.of("Observation", "Patient"), types(patients));

        JsonObject group = manifest(token, kickOff(token, "/Group/cohort/$export?_type=Patient,Observation"));
        assertEquals(Set.of("p2"), ids(token, group, "Patient"));
        assertEquals(Set.of("p2-obs0", "p2-obs1", "p2-obs2"), ids(token, group, "Observation"));

        String posted = given().auth().oauth2(token).header("Prefer", "respond-async")
                .contentType("application/fhir+json")
                .body(new JsonObject().put("resourceType", "Parameters").put("parameter", new JsonArray()
                        .add(new JsonObject().put("name", "_type").put("valueString", "Patient"))
                        .add(new JsonObject().put("name", "patient").put("valueReference",
                                new JsonObject().put("reference", "Patient/p3")))
                        .add(new JsonObject().put("name", "patient").put("valueString", "p1"))).encode())
                .post(bulk(tenant) + "/Patient/$export").then().statusCode(202)
                .extract().header("Content-Location");
        assertEquals(Set.of("p1", "p3"), ids(token, manifest(token, posted), "Patient"));

        given().auth().oauth2(token).header("Prefer", "respond-async").get(bulk(tenant) + "/Group/nope/$export")
                .then().statusCode(404).body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void anotherTenantsTokenAPatientAudienceTokenAndPatientScopesAreRefused() {
        String status = kickOff(TestTokens.provider(tenant, "system/*.rs"), "/$export?_type=Patient");
        given().auth().oauth2(TestTokens.provider(other, "system/*.rs")).header("Prefer", "respond-async")
                .get(bulk(tenant) + "/$export").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("resourceType", equalTo("OperationOutcome"));
        given().auth().oauth2(TestTokens.provider(other, "system/*.rs")).get(status).then().statusCode(401);
        given().auth().oauth2(TestTokens.patient(tenant, "p1", "patient/*.rs")).header("Prefer", "respond-async")
                .get(bulk(tenant) + "/$export").then().statusCode(401);
        given().auth().oauth2(TestTokens.providerWithPatient(tenant, "p1", "patient/*.rs"))
                .header("Prefer", "respond-async").get(bulk(tenant) + "/$export?_type=Patient")
                .then().statusCode(403).body("issue[0].code", equalTo("forbidden"));
        given().header("Prefer", "respond-async").get(bulk(tenant) + "/$export").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void aRevokedTokenAndOneSignedWithAnotherTenantsKeyAreRefused() {
        String jti = "revoked-" + UUID.randomUUID();
        String token = TestTokens.token(tenant, "provider", "system/*.rs", c -> c.setJwtId(jti), h -> { });
        String status = kickOff(token, "/$export?_type=Patient");
        TokensRevoked revoked = new TokensRevoked(tenant,
                List.of(new TokensRevoked.Token(jti, Instant.now().plusSeconds(300))));
        TenantEvents.publish(Topics.TOKENS_REVOKED, tenant, tenant, TokensRevoked.TYPE, EventCodec.encode(
                EventEnvelope.of(TokensRevoked.TYPE, tenant, null, revoked)).getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().auth().oauth2(token).get(status).then().statusCode(401));

        String forged = TestTokens.token(tenant, "provider", "system/*.rs", c -> { },
                h -> h.setKey(TestAuthServer.get().key(other, "provider").getPrivateKey()));
        given().auth().oauth2(forged).header("Prefer", "respond-async").get(bulk(tenant) + "/$export")
                .then().statusCode(401);
    }

    @Test
    void scopesAndPoliciesDecideTheTypes() {
        given().auth().oauth2(TestTokens.provider(tenant, "system/Patient.rs")).header("Prefer", "respond-async")
                .get(bulk(tenant) + "/$export?_type=Patient,Observation").then().statusCode(403)
                .body("issue[0].diagnostics", containsString("Observation"));
        given().auth().oauth2(TestTokens.provider(tenant, "system/Observation.rs?category=laboratory"))
                .header("Prefer", "respond-async").get(bulk(tenant) + "/$export?_type=Observation")
                .then().statusCode(403);

        String restricted = BulkTenants.create("bulk-rules");
        FhirRows.patient(restricted, "a");
        FhirRows.observation(restricted, "a-obs", "a");
        BulkTenants.policy(restricted, new AccessPolicyState("allow-app", restricted, "rules",
                List.of(new AccessPolicyState.Link("Client", "app")), List.of(
                        new AccessPolicyState.Rule(List.of("*"), List.of("*"), "Allow"),
                        new AccessPolicyState.Rule(List.of("Observation"), List.of("export"), "Deny")), 2));
        String token = TestTokens.provider(restricted, "system/*.rs");
        given().auth().oauth2(token).header("Prefer", "respond-async")
                .get(bulk(restricted) + "/$export?_type=Observation").then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("access-policy-denied"));
        JsonObject manifest = manifest(token, kickOff(restricted, token, "/$export"));
        assertEquals(Set.of("Patient"), types(manifest));
    }

    @Test
    void onlyTheClientThatStartedAnExportSeesItAndCancellingDeletesIt() {
        String token = TestTokens.provider(tenant, "system/*.rs");
        String status = kickOff(token, "/$export?_type=Patient");
        JsonObject manifest = manifest(token, status);
        String file = local(manifest.getJsonArray("output").getJsonObject(0).getString("url"));

        String stranger = TestTokens.token(tenant, "provider", "system/*.rs", c -> c.setClaim("client_id", "other"),
                h -> { });
        given().auth().oauth2(stranger).get(status).then().statusCode(404);
        given().auth().oauth2(stranger).get(file).then().statusCode(404);
        given().auth().oauth2(stranger).delete(status).then().statusCode(404);
        given().get(file).then().statusCode(401);

        given().auth().oauth2(token).delete(status).then().statusCode(202);
        given().auth().oauth2(token).get(status).then().statusCode(404);
        given().auth().oauth2(token).get(file).then().statusCode(404);
        assertEquals(0, Db.count("SELECT count(*) FROM bulk.export_chunks WHERE job_id = ?::uuid",
                status.substring(status.lastIndexOf('/') + 1)));
    }

    @Test
    void badKickOffsAreClear400s() {
        String token = TestTokens.provider(tenant, "system/*.rs");
        RequestSpecification async = given().auth().oauth2(token).header("Prefer", "respond-async");
        given().auth().oauth2(token).get(bulk(tenant) + "/$export").then().statusCode(400)
                .body("issue[0].diagnostics", containsString("Prefer: respond-async"));
        given().auth().oauth2(token).header("Prefer", "respond-async").accept("application/fhir+xml")
                .get(bulk(tenant) + "/$export").then().statusCode(400);
        given().auth().oauth2(token).header("Prefer", "respond-async").header("Accept", "")
                .get(bulk(tenant) + "/$export").then().statusCode(400)
                .body("issue[0].diagnostics", containsString("Accept: application/fhir+json"));
        for (String query : List.of("_since=yesterday", "_type=Patient,not-a-type", "_outputFormat=text/csv",
                "_typeFilter=Observation%3Fstatus%3Dfinal", "_color=blue", "patient=Patient/p1", "_elements=1x",
                "_type=MissingType", "_since=2057-01-01T00:00:00Z", "_since=0000-60-01T30:70:80%2B05:00")) {
            given().auth().oauth2(token).header("Prefer", "respond-async").get(bulk(tenant) + "/$export?" + query)
                    .then().statusCode(400).body("resourceType", equalTo("OperationOutcome"));
        }
        async.contentType("application/fhir+json").body("{\"resourceType\":\"Patient\"}")
                .post(bulk(tenant) + "/$export").then().statusCode(400);
        given().auth().oauth2(token).header("Prefer", "respond-async").contentType("application/fhir+json")
                .body("{not json").post(bulk(tenant) + "/$export").then().statusCode(400);
        given().auth().oauth2(token).get(bulk(tenant) + "/$export-status/not-a-job").then().statusCode(404);
        given().auth().oauth2(token).get(bulk(tenant) + "/$export-file/not-a-job/0").then().statusCode(404);

        // includeAssociatedData is optional, and accepted (associated resources are exported by _type)
        given().auth().oauth2(token).header("Prefer", "respond-async")
                .get(bulk(tenant) + "/$export?_type=Patient&includeAssociatedData=LatestProvenanceResources,"
                        + "RelevantProvenanceResources").then().statusCode(202);
        // lenient handling ignores what it does not apply; an unencoded '+' of _since's offset is understood
        String lenient = given().auth().oauth2(token).header("Prefer", "respond-async, handling=lenient")
                .get(bulk(tenant) + "/$export?_type=Patient&_typeFilter=Patient%3Factive%3Dtrue"
                        + "&_since=2000-01-01T00:00:00+00:00")
                .then().statusCode(202).extract().header("Content-Location");
        assertEquals(Set.of("p1", "p2", "p3"), ids(token, manifest(token, lenient), "Patient"));
    }

    @Test
    void elementsKeepOnlyTheListedElementsOfEachTypeTaggedSubsetted() {
        String token = TestTokens.provider(tenant, "system/*.rs");
        JsonObject manifest = manifest(token, kickOff(token,
                "/$export?_type=Patient,Observation&_elements=Patient.name,status,value"));
        for (Object o : manifest.getJsonArray("output")) {
            JsonObject output = (JsonObject) o;
            String body = given().auth().oauth2(token).get(local(output.getString("url"))).then().statusCode(200)
                    .extract().asString();
            for (String line : body.split("\n")) {
                JsonObject resource = new JsonObject(line);
                Set<String> expected = output.getString("type").equals("Patient")
                        ? Set.of("resourceType", "id", "meta", "name")
                        : Set.of("resourceType", "id", "meta", "status");
                assertEquals(expected, resource.fieldNames(), line);
                assertEquals("SUBSETTED", resource.getJsonObject("meta").getJsonArray("tag").getJsonObject(0)
                        .getString("code"));
            }
        }
        given().auth().oauth2(token).header("Prefer", "respond-async")
                .get(bulk(tenant) + "/$export?_elements=Patient.name.family").then().statusCode(400)
                .body("issue[0].expression[0]", equalTo("_elements"));
    }

    @Test
    void sinceLeavesOutWhatDidNotChangeAfterItAndListsWhatWasDeleted() {
        String tenantSince = BulkTenants.create("bulk-since");
        FhirRows.patient(tenantSince, "old");
        FhirRows.deleted(tenantSince, "Patient", "gone-long-ago");
        Instant between = Instant.now();
        await().atMost(Duration.ofSeconds(2)).until(() -> Instant.now().isAfter(between.plusMillis(10)));
        FhirRows.patient(tenantSince, "new");
        FhirRows.deleted(tenantSince, "Patient", "gone-since");
        String token = TestTokens.provider(tenantSince, "system/*.rs");
        JsonObject manifest = manifest(token, kickOff(tenantSince, token, "/$export?_since=" + between.toString()));
        assertEquals(Set.of("new"), ids(token, manifest, "Patient"));

        JsonArray deleted = manifest.getJsonArray("deleted");
        assertEquals(1, deleted.size(), manifest.encode());
        assertEquals("Bundle", deleted.getJsonObject(0).getString("type"));
        String bundles = given().auth().oauth2(token).get(local(deleted.getJsonObject(0).getString("url")))
                .then().statusCode(200).extract().asString();
        JsonObject bundle = new JsonObject(bundles.trim());
        assertEquals("transaction", bundle.getString("type"));
        assertEquals(new JsonObject().put("method", "DELETE").put("url", "Patient/gone-since"),
                bundle.getJsonArray("entry").getJsonObject(0).getJsonObject("request"));

        JsonObject whole = manifest(token, kickOff(tenantSince, token, "/$export"));
        assertEquals(null, whole.getJsonArray("deleted"), "without _since nothing is listed as deleted");
    }

    @Test
    void tooManyUnfinishedExportsOfAClientAre429() {
        String busy = BulkTenants.create("bulk-busy");
        for (int i = 0; i < 3; i++) {
            Db.count("INSERT INTO bulk.export_jobs (tenant_id, id, client_id, kind, types, request_url, status, "
                    + "heartbeat_at) VALUES (?, gen_random_uuid(), 'app', 'system', '{}', 'x', 'in-progress', now()) "
                    + "RETURNING 1", busy);
        }
        given().auth().oauth2(TestTokens.provider(busy, "system/*.rs")).header("Prefer", "respond-async")
                .get(bulk(busy) + "/$export").then().statusCode(429).header("Retry-After", notNullValue())
                .body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void simultaneousKickOffsDoNotPassTheLimitOfUnfinishedExports() throws Exception {
        String busy = BulkTenants.create("bulk-rush");
        FhirRows.patient(busy, "x");
        for (int i = 0; i < 2; i++) {
            Db.count("INSERT INTO bulk.export_jobs (tenant_id, id, client_id, kind, types, request_url, status, "
                    + "heartbeat_at) VALUES (?, gen_random_uuid(), 'app', 'system', '{}', 'x', 'in-progress', now()) "
                    + "RETURNING 1", busy);
        }
        String token = TestTokens.provider(busy, "system/*.rs");
        List<Integer> statuses;
        // runners cannot finish what they start meanwhile: their files wait for this lock
        try (Connection admin = Db.admin()) {
            admin.setAutoCommit(false);
            admin.createStatement().execute("LOCK TABLE bulk.export_files IN ACCESS EXCLUSIVE MODE");
            ExecutorService clients = Executors.newFixedThreadPool(6);
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    answers.add(clients.submit(() -> given().auth().oauth2(token).header("Prefer", "respond-async")
                            .get(bulk(busy) + "/$export").statusCode()));
                }
                statuses = new ArrayList<>();
                for (Future<Integer> answer : answers) {
                    statuses.add(answer.get(30, TimeUnit.SECONDS));
                }
            } finally {
                clients.shutdownNow();
                admin.rollback();
            }
        }
        assertEquals(1, statuses.stream().filter(status -> status == 202).count(), statuses.toString());
        assertEquals(5, statuses.stream().filter(status -> status == 429).count(), statuses.toString());
    }

    @Test
    void anExportWhoseRunnerStoppedIsFinishedByAnotherAndExpiredOnesAreDeleted() {
        String token = TestTokens.provider(tenant, "system/*.rs");
        String id = UUID.randomUUID().toString();
        Db.count("INSERT INTO bulk.export_jobs (tenant_id, id, client_id, kind, types, request_url, status, "
                + "progress, heartbeat_at) VALUES (?, ?::uuid, 'app', 'system', '{Patient}', 'x', 'in-progress', "
                + "'exporting', now() - interval '1 hour') RETURNING 1", tenant, id);
        JsonObject manifest = manifest(token, bulk(tenant) + "/$export-status/" + id);
        assertEquals(Set.of("p1", "p2", "p3"), ids(token, manifest, "Patient"));

        Db.count("UPDATE bulk.export_jobs SET expires_at = now() - interval '1 second' WHERE id = ?::uuid "
                + "RETURNING 1", id);
        await().atMost(Duration.ofSeconds(15)).until(() ->
                Db.count("SELECT count(*) FROM bulk.export_jobs WHERE id = ?::uuid", id) == 0);
        given().auth().oauth2(token).get(bulk(tenant) + "/$export-status/" + id).then().statusCode(404);
    }

    @Test
    void aDeletedTenantsExportsGoWithIt() {
        String leaving = BulkTenants.create("bulk-leaving");
        FhirRows.patient(leaving, "x");
        String token = TestTokens.provider(leaving, "system/*.rs");
        manifest(token, kickOff(leaving, token, "/$export"));
        assertTrue(Db.count("SELECT count(*) FROM bulk.export_chunks WHERE tenant_id = ?", leaving) > 0);
        TenantEvents.delete(leaving);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Db.count("SELECT count(*) FROM bulk.export_jobs WHERE tenant_id = ?", leaving) == 0
                        && Db.count("SELECT count(*) FROM bulk.export_chunks WHERE tenant_id = ?", leaving) == 0);
    }

    private static String bulk(String tenantId) {
        return "/tenant/" + tenantId + "/bulk-api";
    }

    private static String kickOff(String token, String path) {
        return kickOff(tenant, token, path);
    }

    /** The path of a URL of the manifest or Content-Location, on this service. */
    private static String local(String url) {
        return url.replace(SharedInfra.PUBLIC_BASE_URL, "");
    }

    private static String kickOff(String tenantId, String token, String path) {
        return given().auth().oauth2(token).header("Prefer", "respond-async").accept("application/fhir+json")
                .get(bulk(tenantId) + path).then().statusCode(202)
                .header("Content-Location", startsWith(SharedInfra.PUBLIC_BASE_URL + "/tenant/" + tenantId
                        + "/bulk-api/$export-status/"))
                .extract().header("Content-Location").replace(SharedInfra.PUBLIC_BASE_URL, "");
    }

    /** Polls the status URL (the path of it, on this service) until the manifest is there. */
    private static JsonObject manifest(String token, String statusUrl) {
        String path = local(statusUrl);
        List<Response> last = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response response = given().auth().oauth2(token).get(path);
            if (response.statusCode() == 202) {
                assertTrue(response.header("X-Progress") != null && response.header("Retry-After") != null);
                return false;
            }
            last.add(response);
            return true;
        });
        Response done = last.get(0);
        assertEquals(200, done.statusCode(), done.asString());
        assertTrue(done.header("Expires") != null);
        return new JsonObject(done.asString());
    }

    private static Set<String> types(JsonObject manifest) {
        Set<String> types = new TreeSet<>();
        manifest.getJsonArray("output").forEach(o -> types.add(((JsonObject) o).getString("type")));
        return types;
    }

    /** The ids in every file of a type, each file's lines checked against its count. */
    private static Set<String> ids(String token, JsonObject manifest, String type) {
        Set<String> ids = new TreeSet<>();
        int total = 0;
        for (Object o : manifest.getJsonArray("output")) {
            JsonObject output = (JsonObject) o;
            if (!type.equals(output.getString("type"))) {
                continue;
            }
            String body = given().auth().oauth2(token).get(local(output.getString("url")))
                    .then().statusCode(200).contentType("application/fhir+ndjson").extract().asString();
            String[] lines = body.split("\n");
            assertEquals(output.getLong("count").intValue(), lines.length);
            for (String line : lines) {
                JsonObject resource = new JsonObject(line);
                assertEquals(type, resource.getString("resourceType"));
                ids.add(resource.getString("id"));
                total++;
            }
        }
        assertEquals(total, ids.size(), "no resource twice");
        return ids;
    }
}
