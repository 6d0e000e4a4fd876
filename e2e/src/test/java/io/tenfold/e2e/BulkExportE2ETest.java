package io.tenfold.e2e;

import static io.tenfold.e2e.RunningPlatform.operator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * FHIR Bulk Data export (Bulk Data Access 2.0) through the entry point, driven as a backend service drives it:
 * a token from the clinic's provider authorization server (private_key_jwt), a kick-off, polling, the manifest,
 * the NDJSON files. Two clinics: one holds Alice and Bob with their Observations and a Group of Alice alone, the
 * other a patient of its own that must never show up in the first one's exports.
 */
class BulkExportE2ETest {

    private static final String PATIENTS_AND_OBSERVATIONS = "_type=Patient,Observation";

    private static Clinic clinic;
    private static Clinic other;
    /** Another backend service of the clinic: writes its FHIR data, and must not see the clinic backend's jobs. */
    private static FhirTenant writer;
    private static String group;
    private static String otherGroup;
    /** {@code Type/id} of every Patient and Observation stored in the clinic. */
    private static final Set<String> stored = new TreeSet<>();
    private static final Set<String> patients = new TreeSet<>();
    /** Alice and her Observations. */
    private static final Set<String> alices = new TreeSet<>();
    private static final Set<String> others = new TreeSet<>();

    @BeforeAll
    static void clinics() throws Exception {
        clinic = Clinic.open("bulk");
        writer = FhirTenant.attach(clinic.id);
        String alice = "alice-" + clinic.id;
        String bob = "bob-" + clinic.id;
        alices.add(store(writer, patient(alice, "Alice")));
        alices.add(store(writer, observation("alice-weight-" + clinic.id, alice, "29463-7", 61.5)));
        alices.add(store(writer, observation("alice-height-" + clinic.id, alice, "8302-2", 168)));
        stored.addAll(alices);
        stored.add(store(writer, patient(bob, "Bob")));
        stored.add(store(writer, observation("bob-weight-" + clinic.id, bob, "29463-7", 82)));
        stored.add(store(writer, observation("bob-height-" + clinic.id, bob, "8302-2", 181)));
        patients.addAll(List.of("Patient/" + alice, "Patient/" + bob));
        group = "alice-only-" + clinic.id;
        assertEquals(201, writer.put("/Group/" + group, group(group, alice).encode(), true).statusCode());

        other = Clinic.open("bulk-other");
        FhirTenant otherWriter = FhirTenant.attach(other.id);
        String carol = "carol-" + other.id;
        others.add(store(otherWriter, patient(carol, "Carol")));
        others.add(store(otherWriter, observation("carol-weight-" + other.id, carol, "29463-7", 70)));
        otherGroup = "carol-only-" + other.id;
        assertEquals(201, otherWriter.put("/Group/" + otherGroup, group(otherGroup, carol).encode(), true)
                .statusCode());
    }

    @Test
    void aBackendServiceExportsExactlyTheClinicsPatientsAndObservations() {
        BulkClient bulk = BulkClient.of(clinic);
        String status = bulk.start("/$export",
                PATIENTS_AND_OBSERVATIONS + "&_outputFormat=application%2Ffhir%2Bndjson");
        JsonObject manifest = bulk.awaitManifest(status);

        assertEquals(Boolean.TRUE, manifest.getBoolean("requiresAccessToken"));
        assertNotNull(OffsetDateTime.parse(manifest.getString("transactionTime")));
        assertTrue(manifest.getString("request").startsWith(bulk.base + "/$export"), manifest.getString("request"));
        assertTrue(manifest.getJsonArray("error").isEmpty(), manifest.encode());
        assertEquals(List.copyOf(stored), references(bulk.downloadAll(manifest)), "each stored resource, once");
    }

    @Test
    void aPatientExportPostedWithParametersHoldsEveryPatientsCompartment() {
        BulkClient bulk = BulkClient.of(clinic);
        JsonObject parameters = new JsonObject().put("resourceType", "Parameters").put("parameter", new JsonArray()
                .add(new JsonObject().put("name", "_type").put("valueString", "Patient,Observation")));
        JsonObject manifest = bulk.awaitManifest(bulk.startPosted("/Patient/$export", parameters));
        assertEquals(List.copyOf(stored), references(bulk.downloadAll(manifest)));
    }

    @Test
    void aGroupExportHoldsOnlyItsMembersData() {
        BulkClient bulk = BulkClient.of(clinic);
        JsonObject manifest = bulk.awaitManifest(bulk.start("/Group/" + group + "/$export",
                PATIENTS_AND_OBSERVATIONS));
        assertEquals(List.copyOf(alices), references(bulk.downloadAll(manifest)),
                "Alice, the group's one member, and her Observations: nothing of Bob");
    }

    @Test
    void aMissingGroupAndAnotherClinicsGroupAreBothNotFound() {
        BulkClient bulk = BulkClient.of(clinic);
        Response missing = BulkClient.settled(() -> bulk.kickOff("/Group/no-such-group/$export",
                PATIENTS_AND_OBSERVATIONS));
        assertEquals(404, missing.statusCode(), missing.asString());
        Response elsewhere = bulk.kickOff("/Group/" + otherGroup + "/$export", PATIENTS_AND_OBSERVATIONS);
        assertEquals(404, elsewhere.statusCode(), "exactly like a missing group: " + elsewhere.asString());
    }

    @Test
    void anotherClinicsTokenIsRefusedAndItsDataNeverAppears() {
        BulkClient ours = BulkClient.of(clinic);
        BulkClient theirs = BulkClient.of(other);
        BulkClient theirTokenHere = ours.withToken(theirs.token);

        assertOutcome(401, theirTokenHere.kickOff("/$export", PATIENTS_AND_OBSERVATIONS));
        String status = ours.start("/$export", PATIENTS_AND_OBSERVATIONS);
        assertOutcome(401, theirTokenHere.status(status));
        JsonObject manifest = ours.awaitManifest(status);
        assertOutcome(401, theirTokenHere.status(status));
        List<String> exported = references(ours.downloadAll(manifest));
        assertTrue(Collections.disjoint(exported, others), "the other clinic's data in " + exported);

        JsonObject theirManifest = theirs.awaitManifest(theirs.start("/$export", PATIENTS_AND_OBSERVATIONS));
        assertEquals(List.copyOf(others), references(theirs.downloadAll(theirManifest)),
                "the other clinic exports its own data, and only that");
    }

    @Test
    void onlyTheClientThatStartedAJobSeesItsStatusAndFiles() {
        BulkClient owner = BulkClient.of(clinic);
        String status = owner.start("/$export", "_type=Patient");
        JsonObject manifest = owner.awaitManifest(status);
        BulkClient stranger = owner.withToken(writer.token());

        Response seen = BulkClient.settled(() -> stranger.status(status));
        assertEquals(404, seen.statusCode(), "another client of the same clinic: " + seen.asString());
        for (Object output : manifest.getJsonArray("output")) {
            String url = ((JsonObject) output).getString("url");
            assertEquals(404, stranger.get(url).statusCode(), url);
        }
        assertEquals(404, stranger.cancel(status).statusCode(), "nor can it cancel the job");
        assertEquals(200, owner.status(status).statusCode(), "the job is still there for its client");
    }

    @Test
    void aRulesPolicyDenyingObservationExportRefusesItWhilePatientExportGoesOn() throws Exception {
        String client = "no-obs-export-" + clinic.id;
        ClientKeys key = ClientKeys.es384("ec-" + client);
        JsonObject meta = new JsonObject().put("tenant", new JsonObject().put("resourceType", "Tenant")
                .put("id", clinic.id));
        operator().contentType("application/json").body(new JsonObject().put("resourceType", "Client")
                .put("id", client).put("meta", meta).put("type", "backend-service").put("name", "Patients only")
                .put("grant_types", new JsonArray().add("client_credentials"))
                .put("jwks", new JsonObject().put("keys", new JsonArray().add(key.publicJwk())))
                .put("scope", Clinic.BACKEND_SCOPE).encode()).put("/Client/" + client).then().statusCode(201);
        // its only policy: Observations may be read and searched, and an Allow for their export loses to the Deny
        operator().contentType("application/json").body(new JsonObject().put("resourceType", "AccessPolicy")
                .put("id", client).put("meta", meta).put("engine", "rules")
                .put("link", new JsonArray().add(new JsonObject().put("resourceType", "Client").put("id", client)))
                .put("rule", new JsonArray()
                        .add(rule(List.of("Patient", "Observation"), List.of("read", "search", "export"), "Allow"))
                        .add(rule(List.of("Observation"), List.of("export"), "Deny")))
                .encode()).put("/AccessPolicy/" + client).then().statusCode(201);
        BulkClient bulk = new BulkClient(BulkClient.base(clinic),
                BulkClient.token(clinic, client, key, Clinic.BACKEND_SCOPE));

        // accepted only once bulk-service knows the policy: the client has no other
        String status = bulk.start("/$export", "_type=Patient");
        assertOutcome(403, bulk.kickOff("/$export", "_type=Observation"));
        assertEquals(List.copyOf(patients), references(bulk.downloadAll(bulk.awaitManifest(status))));
    }

    @Test
    void aTokenWithoutTheScopeOfARequestedTypeIsRefused() {
        BulkClient patientsOnly = BulkClient.of(clinic, "system/Patient.rs");
        patientsOnly.start("/$export", "_type=Patient");
        assertOutcome(403, patientsOnly.kickOff("/$export", PATIENTS_AND_OBSERVATIONS));
    }

    @Test
    void aKickOffWithoutPreferRespondAsyncIsABadRequest() {
        BulkClient bulk = BulkClient.of(clinic);
        assertOutcome(400, BulkClient.settled(() -> bulk.kickOffWithoutPrefer("/$export", "_type=Patient")));
    }

    @Test
    void aCancelledJobIsGone() {
        BulkClient bulk = BulkClient.of(clinic);
        String status = bulk.start("/$export", PATIENTS_AND_OBSERVATIONS);
        assertEquals(202, bulk.cancel(status).statusCode());
        assertEquals(404, bulk.status(status).statusCode(), "no status after a cancel");
    }

    private static void assertOutcome(int status, Response response) {
        assertEquals(status, response.statusCode(), response.asString());
        assertTrue(String.valueOf(response.contentType()).startsWith("application/fhir+json"),
                response.contentType());
        JsonObject outcome = new JsonObject(response.asString());
        assertEquals("OperationOutcome", outcome.getString("resourceType"));
        assertFalse(outcome.getJsonArray("issue").isEmpty(), outcome.encode());
    }

    /** {@code Type/id} of every exported resource, sorted, duplicates kept. */
    private static List<String> references(Map<String, List<JsonObject>> byType) {
        List<String> references = new ArrayList<>();
        byType.values().forEach(resources -> resources.forEach(resource -> references.add(
                resource.getString("resourceType") + "/" + resource.getString("id"))));
        Collections.sort(references);
        return references;
    }

    /** Stores the resource with its id through the FHIR API; answers {@code Type/id}. */
    private static String store(FhirTenant fhir, JsonObject resource) throws Exception {
        String reference = resource.getString("resourceType") + "/" + resource.getString("id");
        var response = fhir.put("/" + reference, resource.encode(), true);
        assertEquals(201, response.statusCode(), response.body());
        return reference;
    }

    private static JsonObject patient(String id, String given) {
        return new JsonObject().put("resourceType", "Patient").put("id", id).put("name", new JsonArray()
                .add(new JsonObject().put("family", "Export").put("given", new JsonArray().add(given))));
    }

    private static JsonObject observation(String id, String patient, String loinc, double value) {
        return new JsonObject().put("resourceType", "Observation").put("id", id).put("status", "final")
                .put("code", new JsonObject().put("coding", new JsonArray().add(new JsonObject()
                        .put("system", "http://loinc.org").put("code", loinc))))
                .put("subject", new JsonObject().put("reference", "Patient/" + patient))
                .put("valueQuantity", new JsonObject().put("value", value));
    }

    private static JsonObject group(String id, String member) {
        return new JsonObject().put("resourceType", "Group").put("id", id).put("type", "person").put("actual", true)
                .put("member", new JsonArray().add(new JsonObject().put("entity", new JsonObject()
                        .put("reference", "Patient/" + member))));
    }

    private static JsonObject rule(List<String> resources, List<String> actions, String effect) {
        return new JsonObject().put("resource", new JsonArray(resources)).put("action", new JsonArray(actions))
                .put("effect", effect);
    }
}
