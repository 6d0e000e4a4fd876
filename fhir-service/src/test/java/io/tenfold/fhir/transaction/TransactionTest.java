package io.tenfold.fhir.transaction;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tenfold.fhir.support.TestTenants;
import io.tenfold.local.testing.Db;
import io.tenfold.local.testing.TestTokens;

/** Batch and transaction Bundles posted to the base, through HTTP. */
@QuarkusTest
class TransactionTest {

    static final String SYS = "http://clinic.test/mrn";

    static String tenant;
    static String api;

    @BeforeEach
    void tenant() {
        if (tenant != null) {
            return;
        }
        tenant = TestTenants.create("tx");
        api = "/tenant/" + tenant + "/provider/smart-api";
    }

    static RequestSpecification provider() {
        return given().auth().oauth2(TestTokens.provider(tenant, "user/*.cruds")).contentType("application/fhir+json");
    }

    static long stored(String tenantId) {
        return Db.count("SELECT count(*) FROM fhir.resource_versions WHERE tenant_id = ?", tenantId);
    }

    static String bundle(String type, String... entries) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"" + type + "\",\"entry\":[" + String.join(",", entries) + "]}";
    }

    static String entry(String fullUrl, String resource, String method, String url) {
        return entry(fullUrl, resource, method, url, "");
    }

    static String entry(String fullUrl, String resource, String method, String url, String requestExtra) {
        return "{" + (fullUrl == null ? "" : "\"fullUrl\":\"" + fullUrl + "\",")
                + (resource == null ? "" : "\"resource\":" + resource + ",")
                + "\"request\":{\"method\":\"" + method + "\",\"url\":\"" + url + "\"" + requestExtra + "}}";
    }

    static String patient(String mrn) {
        return "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"" + SYS + "\",\"value\":\"" + mrn
                + "\"}],\"name\":[{\"family\":\"Tx\"}]}";
    }

    static String observation(String subject, String text) {
        return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"" + text + "\"},"
                + "\"subject\":{\"reference\":\"" + subject + "\"},\"valueQuantity\":{\"value\":1.50,\"unit\":\"mg\"}}";
    }

    static String createPatient(String mrn) {
        return provider().body(patient(mrn)).post(api + "/Patient").then().statusCode(201).extract().path("id");
    }

    static String mrn() {
        return "mrn-" + UUID.randomUUID();
    }

    @Test
    void transactionCreatesPatientAndObservationsWithRewrittenReferences() {
        String p = "urn:uuid:" + UUID.randomUUID();
        JsonPath response = provider().body(bundle("transaction",
                entry(p, patient(mrn()), "POST", "Patient"),
                entry("urn:uuid:" + UUID.randomUUID(), observation(p, "a"), "POST", "Observation"),
                entry("urn:uuid:" + UUID.randomUUID(), observation(p, "b"), "POST", "Observation"),
                entry("urn:uuid:" + UUID.randomUUID(), observation(p, "c"), "POST", "Observation")))
                .post(api).then().statusCode(200)
                .body("resourceType", equalTo("Bundle"))
                .body("type", equalTo("transaction-response"))
                .body("entry", hasSize(4))
                .body("entry.response.status", everyItem(equalTo("201 Created")))
                .body("entry.response.etag", everyItem(equalTo("W/\"1\"")))
                .body("entry[0].response.location", startsWith("Patient/"))
                .body("entry[1].response.location", startsWith("Observation/"))
                .extract().jsonPath();
        String patientId = response.getString("entry[0].resource.id");
        assertEquals("Patient/" + patientId + "/_history/1", response.getString("entry[0].response.location"));
        for (int i = 1; i <= 3; i++) {
            assertEquals("Patient/" + patientId, response.getString("entry[" + i + "].resource.subject.reference"));
            String obs = response.getString("entry[" + i + "].resource.id");
            provider().get(api + "/Observation/" + obs).then().statusCode(200)
                    .body("subject.reference", equalTo("Patient/" + patientId))
                    .body("code.text", equalTo(List.of("a", "b", "c").get(i - 1)))
                    .body(containsString("1.50"));
        }
        provider().get(api + "/Patient/" + patientId).then().statusCode(200);
        assertEquals(3, Db.count("SELECT count(DISTINCT res_id) FROM fhir.search_reference WHERE tenant_id = ? "
                + "AND res_type = 'Observation' AND target_type = 'Patient' AND target_id = ?", tenant, patientId));
    }

    @Test
    void anInvalidEntryFailsTheWholeTransactionNamingIt() {
        String p = "urn:uuid:" + UUID.randomUUID();
        long before = stored(tenant);
        provider().body(bundle("transaction",
                entry(p, patient(mrn()), "POST", "Patient"),
                entry(null, observation(p, "ok"), "POST", "Observation"),
                entry(null, "{\"resourceType\":\"Observation\",\"status\":\"sometimes\",\"code\":{\"text\":\"x\"}}",
                        "POST", "Observation")))
                .post(api).then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", startsWith("Bundle.entry[2]"))
                .body("issue[0].diagnostics", containsString("sometimes"));
        // invalid only once prepared (a reference to an unknown type): 422, still nothing written
        provider().body(bundle("transaction",
                entry(p, patient(mrn()), "POST", "Patient"),
                entry(null, observation(p, "ok"), "POST", "Observation"),
                entry(null, observation("Nope/1", "bad"), "POST", "Observation")))
                .post(api).then().statusCode(422)
                .body("issue[0].diagnostics", startsWith("Bundle.entry[2]"));
        // a reference to a fullUrl the transaction does not have
        provider().body(bundle("transaction",
                entry(p, patient(mrn()), "POST", "Patient"),
                entry(null, observation("urn:uuid:" + UUID.randomUUID(), "dangling"), "POST", "Observation")))
                .post(api).then().statusCode(422)
                .body("issue[0].diagnostics", startsWith("Bundle.entry[1]"));
        assertEquals(before, stored(tenant));
    }

    @Test
    void anIfMatchConflictFailsTheTransactionWith412() {
        String id = createPatient(mrn());
        String v2 = "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"name\":[{\"family\":\"Two\"}]}";
        provider().body(v2).put(api + "/Patient/" + id).then().statusCode(200);
        long before = stored(tenant);
        String v3 = "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"name\":[{\"family\":\"Three\"}]}";
        provider().body(bundle("transaction",
                entry(null, observation("Patient/" + id, "x"), "POST", "Observation"),
                entry(null, v3, "PUT", "Patient/" + id, ",\"ifMatch\":\"W/\\\"1\\\"\"")))
                .post(api).then().statusCode(412)
                .body("issue[0].diagnostics", startsWith("Bundle.entry[1]"));
        assertEquals(before, stored(tenant));
        provider().get(api + "/Patient/" + id).then().body("meta.versionId", equalTo("2"))
                .body("name[0].family", equalTo("Two"));
        // with the right version it goes through
        provider().body(bundle("transaction",
                entry(null, v3, "PUT", "Patient/" + id, ",\"ifMatch\":\"W/\\\"2\\\"\"")))
                .post(api).then().statusCode(200)
                .body("entry[0].response.status", equalTo("200 OK"))
                .body("entry[0].response.etag", equalTo("W/\"3\""));
    }

    @Test
    void deletesRunBeforeCreatesAndReadsAfterWritesAnsweringInTheOriginalOrder() {
        String mrn = mrn();
        String old = createPatient(mrn);
        // listed first, processed after the delete: the identifier is free again, so the create creates
        JsonPath response = provider().body(bundle("transaction",
                entry(null, patient(mrn), "POST", "Patient", ",\"ifNoneExist\":\"identifier=" + SYS + "|" + mrn + "\""),
                entry(null, null, "DELETE", "Patient/" + old)))
                .post(api).then().statusCode(200)
                .body("entry[0].response.status", equalTo("201 Created"))
                .body("entry[1].response.status", equalTo("204 No Content"))
                .extract().jsonPath();
        String created = response.getString("entry[0].resource.id");
        assertNotEquals(old, created);
        provider().get(api + "/Patient/" + old).then().statusCode(410);
        provider().get(api + "/Patient/" + created).then().statusCode(200);

        // a read listed before an update sees the update
        String v2 = "{\"resourceType\":\"Patient\",\"id\":\"" + created + "\",\"gender\":\"other\"}";
        provider().body(bundle("transaction",
                entry(null, null, "GET", "Patient/" + created),
                entry(null, v2, "PUT", "Patient/" + created)))
                .post(api).then().statusCode(200)
                .body("entry[0].response.status", equalTo("200 OK"))
                .body("entry[0].resource.meta.versionId", equalTo("2"))
                .body("entry[0].resource.gender", equalTo("other"))
                .body("entry[1].response.status", equalTo("200 OK"));
    }

    @Test
    void twoEntriesChangingOneResourceAre400() {
        String id = createPatient(mrn());
        long before = stored(tenant);
        provider().body(bundle("transaction",
                entry(null, "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\"}", "PUT", "Patient/" + id),
                entry(null, null, "DELETE", "Patient/" + id)))
                .post(api).then().statusCode(400)
                .body("issue[0].diagnostics", startsWith("Bundle.entry[1]"));
        assertEquals(before, stored(tenant));
    }

    @Test
    void conditionalCreateCreatesOnce() {
        String mrn = mrn();
        String body = bundle("transaction", entry("urn:uuid:" + UUID.randomUUID(), patient(mrn), "POST", "Patient",
                ",\"ifNoneExist\":\"identifier=" + SYS + "|" + mrn + "\""));
        String first = provider().body(body).post(api).then().statusCode(200)
                .body("entry[0].response.status", equalTo("201 Created"))
                .extract().path("entry[0].resource.id");
        provider().body(body).post(api).then().statusCode(200)
                .body("entry[0].response.status", equalTo("200 OK"))
                .body("entry[0].resource.id", equalTo(first))
                .body("entry[0].response.location", equalTo("Patient/" + first + "/_history/1"));
        assertEquals(1, Db.count("SELECT count(*) FROM fhir.search_token WHERE tenant_id = ? AND res_type = 'Patient' "
                + "AND param = 'identifier' AND code = ?", tenant, mrn));
        // a reference to the conditional entry's fullUrl points at the existing patient
        String p = "urn:uuid:" + UUID.randomUUID();
        provider().body(bundle("transaction",
                entry(p, patient(mrn), "POST", "Patient", ",\"ifNoneExist\":\"identifier=" + SYS + "|" + mrn + "\""),
                entry(null, observation(p, "x"), "POST", "Observation")))
                .post(api).then().statusCode(200)
                .body("entry[0].response.status", equalTo("200 OK"))
                .body("entry[1].resource.subject.reference", equalTo("Patient/" + first));
        // an unknown search parameter is a 400, not a guess
        provider().body(bundle("transaction", entry(null, patient(mrn), "POST", "Patient",
                ",\"ifNoneExist\":\"colour=blue\""))).post(api).then().statusCode(400)
                .body("issue[0].diagnostics", startsWith("Bundle.entry[0]"));
    }

    @Test
    void conditionalReferencesResolveByIdentifier() {
        String mrn = mrn();
        String id = createPatient(mrn);
        provider().body(bundle("transaction", entry(null, observation("Patient?identifier=" + SYS + "|" + mrn, "x"),
                "POST", "Observation")))
                .post(api).then().statusCode(200)
                .body("entry[0].response.status", equalTo("201 Created"))
                .body("entry[0].resource.subject.reference", equalTo("Patient/" + id));
        long before = stored(tenant);
        provider().body(bundle("transaction", entry(null, observation("Patient?identifier=" + SYS + "|nobody-"
                + mrn, "x"), "POST", "Observation"))).post(api).then().statusCode(422)
                .body("issue[0].diagnostics", startsWith("Bundle.entry[0]"));
        createPatient(mrn);
        provider().body(bundle("transaction", entry(null, observation("Patient?identifier=" + SYS + "|" + mrn, "x"),
                "POST", "Observation"))).post(api).then().statusCode(412);
        assertEquals(before + 1, stored(tenant)); // only the second patient
    }

    @Test
    void conditionalUpdateAndDelete() {
        String mrn = mrn();
        String url = "Patient?identifier=" + SYS + "|" + mrn;
        String created = provider().body(bundle("transaction", entry(null, patient(mrn), "PUT", url)))
                .post(api).then().statusCode(200).body("entry[0].response.status", equalTo("201 Created"))
                .extract().path("entry[0].resource.id");
        provider().body(bundle("transaction", entry(null, patient(mrn).replace("\"Tx\"", "\"Updated\""), "PUT", url)))
                .post(api).then().statusCode(200).body("entry[0].response.status", equalTo("200 OK"))
                .body("entry[0].resource.id", equalTo(created))
                .body("entry[0].resource.name[0].family", equalTo("Updated"));
        provider().body(bundle("transaction", entry(null, null, "DELETE", url)))
                .post(api).then().statusCode(200).body("entry[0].response.status", equalTo("204 No Content"));
        provider().get(api + "/Patient/" + created).then().statusCode(410);
        provider().body(bundle("transaction", entry(null, null, "DELETE", url)))
                .post(api).then().statusCode(200).body("entry[0].response.status", equalTo("204 No Content"));
        createPatient(mrn);
        createPatient(mrn);
        provider().body(bundle("transaction", entry(null, patient(mrn), "PUT", url))).post(api).then().statusCode(412);
    }

    @Test
    void patchEntriesApplyJsonPatch() {
        String id = createPatient(mrn());
        String patch = java.util.Base64.getEncoder().encodeToString(
                "[{\"op\":\"add\",\"path\":\"/active\",\"value\":true}]".getBytes());
        provider().body(bundle("transaction", entry(null, "{\"resourceType\":\"Binary\",\"contentType\":"
                + "\"application/json-patch+json\",\"data\":\"" + patch + "\"}", "PATCH", "Patient/" + id)))
                .post(api).then().statusCode(200)
                .body("entry[0].response.status", equalTo("200 OK"))
                .body("entry[0].resource.active", equalTo(true))
                .body("entry[0].resource.meta.versionId", equalTo("2"));
    }

    @Test
    void batchEntriesSucceedOrFailAlone() {
        String missing = "missing-" + UUID.randomUUID();
        JsonPath response = provider().body(bundle("batch",
                entry(null, patient(mrn()), "POST", "Patient"),
                entry(null, "{\"resourceType\":\"Patient\",\"gender\":\"sometimes\"}", "POST", "Patient"),
                entry(null, null, "GET", "Patient/" + missing),
                entry(null, observation("Nope/1", "bad"), "POST", "Observation"),
                entry(null, observation("Patient/x", "ok"), "POST", "Observation")))
                .post(api).then().statusCode(200)
                .body("type", equalTo("batch-response"))
                .body("entry", hasSize(5))
                .body("entry[0].response.status", equalTo("201 Created"))
                .body("entry[1].response.status", equalTo("400 Bad Request"))
                .body("entry[1].response.outcome.resourceType", equalTo("OperationOutcome"))
                .body("entry[1].response.outcome.issue[0].diagnostics", containsString("sometimes"))
                .body("entry[1].resource", nullValue())
                .body("entry[2].response.status", equalTo("404 Not Found"))
                .body("entry[3].response.status", equalTo("422 Unprocessable Entity"))
                .body("entry[4].response.status", equalTo("201 Created"))
                .extract().jsonPath();
        provider().get(api + "/Patient/" + response.getString("entry[0].resource.id")).then().statusCode(200);
        provider().get(api + "/Observation/" + response.getString("entry[4].resource.id")).then().statusCode(200);
    }

    @Test
    void batchSearchEntriesAnswerWithTheirSearchsetConfinedLikeAnySearch() {
        String mine = createPatient(mrn());
        String other = createPatient(mrn());
        String tag = "batch-search-" + UUID.randomUUID();
        provider().body(observation("Patient/" + mine, tag)).post(api + "/Observation").then().statusCode(201);
        provider().body(observation("Patient/" + other, tag)).post(api + "/Observation").then().statusCode(201);
        String search = bundle("batch",
                entry(null, null, "GET", "Observation?code:text=" + tag + "&_sort=_id"),
                entry(null, null, "GET", "Patient?_id=" + mine),
                entry(null, null, "GET", "Observation?colour=blue"));
        provider().header("Prefer", "handling=strict").body(search).post(api).then().statusCode(200)
                .body("type", equalTo("batch-response"))
                .body("entry[0].response.status", equalTo("200 OK"))
                .body("entry[0].resource.resourceType", equalTo("Bundle"))
                .body("entry[0].resource.type", equalTo("searchset"))
                .body("entry[0].resource.entry", hasSize(2))
                .body("entry[1].resource.entry[0].resource.id", equalTo(mine))
                .body("entry[2].response.status", equalTo("400 Bad Request"))
                .body("entry[2].response.outcome.issue[0].diagnostics", containsString("colour"));
        // a patient app's search in a batch sees only its patient's compartment, as its searches do
        given().auth().oauth2(TestTokens.patient(tenant, mine, "patient/*.rs")).contentType("application/fhir+json")
                .body(search).post("/tenant/" + tenant + "/patient/smart-api").then().statusCode(200)
                .body("entry[0].resource.entry", hasSize(1))
                .body("entry[0].resource.entry[0].resource.subject.reference", equalTo("Patient/" + mine));
    }

    @Test
    void transactionSearchesRunLastAndSeeTheTransactionsWrites() {
        String p = "urn:uuid:" + UUID.randomUUID();
        String tag = "tx-search-" + UUID.randomUUID();
        long before = stored(tenant);
        // the search entries come first in the Bundle, yet run after every write, and a fullUrl stands for its resource
        JsonPath response = provider().body(bundle("transaction",
                entry(null, null, "GET", "Observation?subject=" + p + "&_include=Observation:subject"),
                entry(null, null, "GET", "Observation?code:text=" + tag + "&_summary=count"),
                entry(p, patient(mrn()), "POST", "Patient"),
                entry(null, observation(p, tag), "POST", "Observation"),
                entry(null, observation(p, tag), "POST", "Observation")))
                .post(api).then().statusCode(200).body("type", equalTo("transaction-response"))
                .extract().jsonPath();
        String patientId = response.getString("entry[2].response.location").split("/")[1];
        assertEquals("200 OK", response.getString("entry[0].response.status"));
        assertEquals("searchset", response.getString("entry[0].resource.type"));
        assertEquals(2, response.getList("entry[0].resource.entry.findAll { it.search.mode == 'match' }").size());
        assertEquals(List.of(patientId),
                response.getList("entry[0].resource.entry.findAll { it.search.mode == 'include' }.resource.id"));
        assertEquals(2, response.getInt("entry[1].resource.total"));
        assertEquals(before + 3, stored(tenant));
    }

    @Test
    void aMalformedPercentEscapeInAConditionIsA400() {
        long before = stored(tenant);
        provider().header("If-None-Exist", "identifier=%zz").body(patient(mrn())).post(api + "/Patient").then()
                .statusCode(400).body("issue[0].diagnostics", containsString("percent-encoded"));
        provider().body(bundle("transaction", entry(null, patient(mrn()), "POST", "Patient",
                ",\"ifNoneExist\":\"identifier=%zz\""))).post(api).then().statusCode(400)
                .body("issue[0].diagnostics", containsString("percent-encoded"));
        assertEquals(before, stored(tenant));
    }

    @Test
    void aFailingSearchRollsTheTransactionBack() {
        long before = stored(tenant);
        provider().header("Prefer", "handling=strict").body(bundle("transaction",
                entry(null, patient(mrn()), "POST", "Patient"),
                entry(null, null, "GET", "Observation?colour=blue"))).post(api).then().statusCode(400)
                .body("issue[0].diagnostics", startsWith("Bundle.entry[1]"))
                .body("issue[0].diagnostics", containsString("colour"));
        assertEquals(before, stored(tenant));
        // a search needs the search scope, as outside a transaction
        given().auth().oauth2(TestTokens.provider(tenant, "user/Patient.cr")).contentType("application/fhir+json")
                .body(bundle("transaction", entry(null, patient(mrn()), "POST", "Patient"),
                        entry(null, null, "GET", "Patient?_id=x"))).post(api).then().statusCode(403);
        assertEquals(before, stored(tenant));
    }

    @Test
    void aPatientAppsTransactionSearchSeesOnlyItsCompartment() {
        String mine = createPatient(mrn());
        String other = createPatient(mrn());
        String tag = "tx-confined-" + UUID.randomUUID();
        provider().body(observation("Patient/" + other, tag)).post(api + "/Observation").then().statusCode(201);
        given().auth().oauth2(TestTokens.patient(tenant, mine, "patient/*.cruds")).contentType("application/fhir+json")
                .body(bundle("transaction",
                        entry(null, observation("Patient/" + mine, tag), "POST", "Observation"),
                        entry(null, null, "GET", "Observation?code:text=" + tag),
                        entry(null, null, "GET", "Observation?subject=Patient/" + other)))
                .post("/tenant/" + tenant + "/patient/smart-api").then().statusCode(200)
                .body("entry[1].resource.entry", hasSize(1))
                .body("entry[1].resource.entry[0].resource.subject.reference", equalTo("Patient/" + mine))
                .body("entry[2].resource.entry", nullValue());
    }

    @Test
    void aPatientAppCannotWriteIntoAnotherPatientsCompartment() {
        String mine = createPatient(mrn());
        String other = createPatient(mrn());
        long before = stored(tenant);
        given().auth().oauth2(TestTokens.patient(tenant, mine, "patient/*.cruds")).contentType("application/fhir+json")
                .body(bundle("transaction",
                        entry(null, observation("Patient/" + mine, "mine"), "POST", "Observation"),
                        entry(null, observation("Patient/" + other, "theirs"), "POST", "Observation")))
                .post("/tenant/" + tenant + "/patient/smart-api").then().statusCode(403)
                .body("issue[0].diagnostics", startsWith("Bundle.entry[1]"));
        assertEquals(before, stored(tenant));
        // nor update another patient's record, which it cannot even see
        given().auth().oauth2(TestTokens.patient(tenant, mine, "patient/*.cruds")).contentType("application/fhir+json")
                .body(bundle("transaction", entry(null, "{\"resourceType\":\"Patient\",\"id\":\"" + other + "\"}",
                        "PUT", "Patient/" + other)))
                .post("/tenant/" + tenant + "/patient/smart-api").then().statusCode(404);
        assertEquals(before, stored(tenant));
    }

    @Test
    void aTransactionCannotReachIntoAnotherTenant() {
        String otherTenant = TestTenants.create("tx-other");
        String otherApi = "/tenant/" + otherTenant + "/provider/smart-api";
        String theirs = given().auth().oauth2(TestTokens.provider(otherTenant, "user/*.cruds"))
                .contentType("application/fhir+json").body(patient(mrn())).post(otherApi + "/Patient").then()
                .statusCode(201).extract().path("id");
        long theirsBefore = stored(otherTenant);
        String update = "{\"resourceType\":\"Patient\",\"id\":\"" + theirs + "\",\"gender\":\"male\"}";
        provider().body(bundle("transaction", entry(null, update, "PUT",
                TestTokens.fhirBase(otherTenant, "provider") + "/Patient/" + theirs)))
                .post(api).then().statusCode(400).body("issue[0].diagnostics", startsWith("Bundle.entry[0]"));
        String patch = java.util.Base64.getEncoder().encodeToString(
                "[{\"op\":\"add\",\"path\":\"/gender\",\"value\":\"male\"}]".getBytes());
        provider().body(bundle("transaction", entry(null, "{\"resourceType\":\"Binary\",\"contentType\":"
                + "\"application/json-patch+json\",\"data\":\"" + patch + "\"}", "PATCH", "Patient/" + theirs)))
                .post(api).then().statusCode(404);
        provider().body(bundle("transaction", entry(null, null, "GET", "Patient/" + theirs)))
                .post(api).then().statusCode(404);
        // the same id in this tenant is simply another resource
        provider().body(bundle("transaction", entry(null, update, "PUT", "Patient/" + theirs)))
                .post(api).then().statusCode(200).body("entry[0].response.status", equalTo("201 Created"));
        // and this tenant's token is no key to the other tenant's base
        provider().body(bundle("transaction", entry(null, update, "PUT", "Patient/" + theirs)))
                .post(otherApi).then().statusCode(401);
        assertEquals(theirsBefore, stored(otherTenant));
        given().auth().oauth2(TestTokens.provider(otherTenant, "user/*.cruds")).get(otherApi + "/Patient/" + theirs)
                .then().statusCode(200).body("meta.versionId", equalTo("1")).body("gender", nullValue());
    }

    @Test
    void onlyBatchOrTransactionBundlesAreAccepted() {
        provider().body(patient(mrn())).post(api).then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString("Bundle"));
        provider().body(bundle("collection", entry(null, patient(mrn()), "POST", "Patient"))).post(api).then()
                .statusCode(400).body("issue[0].expression[0]", equalTo("Bundle.type"));
        provider().body("{\"resourceType\":\"Bundle\"").post(api).then().statusCode(400);
        provider().body("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"colour\":\"red\"}").post(api).then()
                .statusCode(400).body("issue[0].diagnostics", containsString("colour"));
        provider().body(bundle("transaction", "{\"resource\":" + patient(mrn()) + "}")).post(api).then()
                .statusCode(400);
        provider().body(bundle("transaction", entry(null, null, "GET", "Patient?name=%zz"))).post(api).then()
                .statusCode(400).body("issue[0].diagnostics", startsWith("Bundle.entry[0]"))
                .body("issue[0].diagnostics", containsString("percent-encoded"));
        provider().body(bundle("batch", entry(null, null, "GET", "Patient?name=%zz"))).post(api).then()
                .statusCode(200).body("entry[0].response.status", equalTo("400 Bad Request"));
        provider().body(bundle("transaction")).post(api).then().statusCode(200)
                .body("type", equalTo("transaction-response"));
    }

    @Test
    void preferMinimalLeavesTheResourcesOut() {
        provider().header("Prefer", "return=minimal").body(bundle("transaction",
                entry(null, patient(mrn()), "POST", "Patient"))).post(api).then().statusCode(200)
                .body("entry[0].resource", nullValue())
                .body("entry[0].response.status", equalTo("201 Created"))
                .body("entry[0].response.location", startsWith("Patient/"));
    }

    @Test
    void aHundredObservationTransaction() {
        String patientId = createPatient(mrn());
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            entries.add(entry("urn:uuid:" + UUID.randomUUID(), observation("Patient/" + patientId, "obs " + i),
                    "POST", "Observation"));
        }
        String body = bundle("transaction", entries.toArray(String[]::new));
        String token = TestTokens.provider(tenant, "user/*.cruds");
        int runs = 40;
        long[] millis = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            given().auth().oauth2(token).contentType("application/fhir+json").header("Prefer", "return=minimal")
                    .body(body).post(api).then().statusCode(200).body("entry", hasSize(100));
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        long[] warm = java.util.Arrays.copyOfRange(millis, runs / 2, runs);
        java.util.Arrays.sort(warm);
        System.out.println("100-Observation transaction, ms per request (sequential, after warm-up): median "
                + warm[warm.length / 2] + ", min " + warm[0] + ", max " + warm[warm.length - 1]);
        assertEquals(runs * 100L, Db.count("SELECT count(DISTINCT res_id) FROM fhir.search_reference "
                + "WHERE tenant_id = ? AND res_type = 'Observation' AND target_id = ?", tenant, patientId));
    }
}
