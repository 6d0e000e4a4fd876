package io.tenfold.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Every kind of answer the FHIR API gives (resources, every Bundle type it returns, the CapabilityStatement, and
 * the OperationOutcome of each error it answers) passes HAPI's {@code FhirInstanceValidator} against the R4
 * specification, offline: no error or fatal issue. Codes of external systems (LOINC, SNOMED) cannot be checked
 * offline; the validator reports those as warnings, which are allowed.
 */
class ResponseValidationE2ETest {

    private static final String FHIR_JSON = "application/fhir+json";

    private static FhirTenant tenant;
    private static FhirValidator validator;
    private static String patientId;
    private static String observationId;
    private static final List<String> problems = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        tenant = FhirTenant.open("valid");
        FhirContext r4 = FhirContext.forR4();
        ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(r4),
                new InMemoryTerminologyServerValidationSupport(r4), new CommonCodeSystemsTerminologyService(r4),
                new SnapshotGeneratingValidationSupport(r4));
        FhirInstanceValidator instanceValidator = new FhirInstanceValidator(support);
        instanceValidator.setNoTerminologyChecks(false);
        validator = r4.newValidator().registerValidatorModule(instanceValidator);

        HttpResponse<String> patient = tenant.request("POST", "/Patient", FHIR_JSON, new JsonObject()
                .put("resourceType", "Patient").put("active", true).put("gender", "female")
                .put("birthDate", "1970-03-14")
                .put("identifier", new JsonArray().add(new JsonObject().put("system", "urn:oid:1.2.36.146.595.217.0.1")
                        .put("value", "MRN-" + UUID.randomUUID())))
                .put("name", new JsonArray().add(new JsonObject().put("family", "Valid").put("given",
                        new JsonArray().add("Vera")))).encode(), "Prefer", "return=representation");
        assertEquals(201, patient.statusCode(), patient.body());
        patientId = new JsonObject(patient.body()).getString("id");
        HttpResponse<String> observation = tenant.request("POST", "/Observation", FHIR_JSON, observation(patientId)
                .encode(), "Prefer", "return=representation");
        assertEquals(201, observation.statusCode(), observation.body());
        observationId = new JsonObject(observation.body()).getString("id");
        valid("create (representation)", patient);
        valid("create Observation (representation)", observation);
    }

    private static JsonObject observation(String patient) {
        return new JsonObject().put("resourceType", "Observation").put("status", "final")
                .put("category", new JsonArray().add(new JsonObject().put("coding", new JsonArray().add(new JsonObject()
                        .put("system", "http://terminology.hl7.org/CodeSystem/observation-category")
                        .put("code", "laboratory")))))
                .put("code", new JsonObject().put("coding", new JsonArray().add(new JsonObject()
                        .put("system", "http://loinc.org").put("code", "4548-4")
                        .put("display", "Hemoglobin A1c/Hemoglobin.total in Blood"))))
                .put("subject", new JsonObject().put("reference", "Patient/" + patient))
                .put("effectiveDateTime", "2026-11-02T09:30:00Z")
                .put("valueQuantity", new JsonObject().put("value", 6.1).put("unit", "%")
                        .put("system", "http://unitsofmeasure.org").put("code", "%"));
    }

    @Test
    void resourcesAndTheirVersionsAreValid() throws Exception {
        valid("read", ok(tenant.get("/Patient/" + patientId)));
        valid("vread", ok(tenant.get("/Patient/" + patientId + "/_history/1")));
        JsonObject changed = new JsonObject(tenant.get("/Patient/" + patientId).body()).put("active", false);
        valid("update (representation)", ok(tenant.request("PUT", "/Patient/" + patientId, FHIR_JSON,
                changed.encode(), "Prefer", "return=representation")));
        valid("patch (representation)", ok(tenant.request("PATCH", "/Observation/" + observationId,
                "application/json-patch+json", "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"amended\"}]",
                "Prefer", "return=representation")));
        valid("CapabilityStatement", ok(tenant.get("/metadata")));
        assertNoProblems();
    }

    @Test
    void everyBundleTypeIsValid() throws Exception {
        valid("history (instance)", ok(tenant.get("/Patient/" + patientId + "/_history")));
        valid("history (type)", ok(tenant.get("/Observation/_history?_count=5")));
        valid("history (system)", ok(tenant.get("/_history?_count=5")));
        valid("searchset with _include", ok(tenant.get("/Observation?subject=Patient/" + patientId
                + "&_include=Observation:subject&_total=accurate")));
        valid("searchset with _revinclude", ok(tenant.get("/Patient?_id=" + patientId
                + "&_revinclude=Observation:subject")));
        valid("searchset, a page with links", ok(tenant.get("/Observation?_count=1")));
        valid("searchset, a sorted page with links", ok(tenant.get("/Observation?_count=1&_sort=-date,_id")));
        valid("$everything", ok(tenant.get("/Patient/" + patientId + "/$everything")));

        String transaction = new JsonObject().put("resourceType", "Bundle").put("type", "transaction")
                .put("entry", new JsonArray()
                        .add(new JsonObject().put("fullUrl", "urn:uuid:" + UUID.randomUUID())
                                .put("resource", observation(patientId))
                                .put("request", new JsonObject().put("method", "POST").put("url", "Observation")))
                        .add(new JsonObject().put("request", new JsonObject().put("method", "GET")
                                .put("url", "Patient/" + patientId)))
                        .add(new JsonObject().put("request", new JsonObject().put("method", "GET")
                                .put("url", "Observation?subject=Patient/" + patientId + "&_sort=-date"))))
                .encode();
        valid("transaction-response with a read and a search", ok(tenant.request("POST", "", FHIR_JSON, transaction)));
        String batch = new JsonObject().put("resourceType", "Bundle").put("type", "batch")
                .put("entry", new JsonArray()
                        .add(new JsonObject().put("resource", observation(patientId))
                                .put("request", new JsonObject().put("method", "POST").put("url", "Observation")))
                        .add(new JsonObject().put("request", new JsonObject().put("method", "GET")
                                .put("url", "Patient/no-such-patient")))
                        .add(new JsonObject().put("request", new JsonObject().put("method", "GET")
                                .put("url", "Observation?subject=Patient/" + patientId))))
                .encode();
        valid("batch-response with a failed entry and a search", ok(tenant.request("POST", "", FHIR_JSON, batch)));
        assertNoProblems();
    }

    @Test
    void everyErrorIsAValidOperationOutcome() throws Exception {
        valid("404", status(404, tenant.get("/Patient/no-such-patient")));
        valid("400 malformed JSON", status(400, tenant.request("POST", "/Patient", FHIR_JSON, "{\"resourceType\":")));
        valid("400 unknown element", status(400, tenant.request("POST", "/Patient", FHIR_JSON,
                "{\"resourceType\":\"Patient\",\"colour\":\"blue\"}")));
        valid("400 strict unknown search parameter", status(400, tenant.request("GET", "/Patient?colour=blue", null,
                null, "Prefer", "handling=strict")));
        valid("412 stale If-Match", status(412, tenant.request("PUT", "/Patient/" + patientId, FHIR_JSON,
                new JsonObject(tenant.get("/Patient/" + patientId).body()).encode(), "If-Match", "W/\"0\"")));
        valid("$validate of an invalid Patient", tenant.request("POST", "/Patient/$validate", FHIR_JSON,
                "{\"resourceType\":\"Patient\",\"gender\":\"sometimes\"}"));
        HttpResponse<String> temporary = tenant.request("POST", "/Basic", FHIR_JSON, new JsonObject()
                .put("resourceType", "Basic").put("code", new JsonObject().put("text", "to delete")).encode(),
                "Prefer", "return=representation");
        String basicId = new JsonObject(temporary.body()).getString("id");
        valid("delete", tenant.request("DELETE", "/Basic/" + basicId, null, null));
        valid("410 after delete", status(410, tenant.get("/Basic/" + basicId)));
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(tenant.fhirBase() + "/Patient/" + patientId)).header("Accept", FHIR_JSON).build(),
                HttpResponse.BodyHandlers.ofString());
        valid("401 without a token", status(401, anonymous));
        valid("406 for XML", status(406, tenant.request("GET", "/Patient/" + patientId + "?_format=xml", null,
                null)));
        assertNoProblems();
    }

    @Test
    void theBulkApisCapabilityStatementAndErrorsAreValid() throws Exception {
        String bulk = tenant.fhirBase().replace("/provider/smart-api", "/bulk-api");
        HttpClient http = HttpClient.newHttpClient();
        valid("bulk CapabilityStatement", ok(http.send(HttpRequest.newBuilder(URI.create(bulk + "/metadata"))
                .build(), HttpResponse.BodyHandlers.ofString())));
        valid("bulk 401 without a token", status(401, http.send(HttpRequest.newBuilder(URI.create(bulk
                + "/$export")).header("Prefer", "respond-async").build(), HttpResponse.BodyHandlers.ofString())));
        valid("bulk 400 without Prefer", status(400, http.send(HttpRequest.newBuilder(URI.create(bulk + "/$export"))
                .header("Authorization", "Bearer " + tenant.token()).build(), HttpResponse.BodyHandlers.ofString())));
        valid("bulk 404 unknown export", status(404, http.send(HttpRequest.newBuilder(URI.create(bulk
                + "/$export-status/" + UUID.randomUUID())).header("Authorization", "Bearer " + tenant.token())
                .build(), HttpResponse.BodyHandlers.ofString())));
        assertNoProblems();
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        assertTrue(response.statusCode() / 100 == 2, response.uri() + ": " + response.statusCode() + " "
                + response.body());
        return response;
    }

    private static HttpResponse<String> status(int expected, HttpResponse<String> response) {
        assertEquals(expected, response.statusCode(), response.uri() + ": " + response.body());
        return response;
    }

    /** Validates a body; collects the errors so that one run names all of them. */
    private static void valid(String what, HttpResponse<String> response) {
        String body = response.body();
        if (body == null || body.isBlank()) {
            return; // e.g. a 204: nothing to validate
        }
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(FHIR_JSON),
                what + " answered " + response.headers().firstValue("Content-Type"));
        ValidationResult result;
        synchronized (validator) {
            result = validator.validateWithResult(body);
        }
        for (SingleValidationMessage message : result.getMessages()) {
            if (message.getSeverity() == ResultSeverityEnum.ERROR || message.getSeverity() == ResultSeverityEnum.FATAL) {
                synchronized (problems) {
                    problems.add(what + ": " + message.getLocationString() + ": " + message.getMessage());
                }
            }
        }
    }

    private static void assertNoProblems() {
        synchronized (problems) {
            if (!problems.isEmpty()) {
                String all = String.join("\n", problems);
                problems.clear();
                fail("responses that are not valid R4:\n" + all);
            }
        }
    }
}
