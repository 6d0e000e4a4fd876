package io.tenfold.e2e;

import static io.tenfold.e2e.HapiClientE2ETest.requireCapability;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Synthea's patients as a loader would send them: the batch Bundles of organizations, locations and practitioners
 * ({@code ifNoneExist} conditional creates), then one transaction per patient whose entries refer to each other by
 * {@code urn:uuid} and to the shared resources by conditional references ({@code Practitioner?identifier=…}).
 * Transactions and conditional references are not in fhir-service yet: until a one-entry transaction is answered
 * 200, these tests are skipped (and Synthea is not run), saying so.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyntheaE2ETest {

    private static FhirTenant tenant;
    private static SyntheaPatients.Output synthea;
    /** For each patient's file, the locations its transaction answered, by resource type. */
    private static final Map<String, Map<String, List<String>>> CREATED = new LinkedHashMap<>();

    @BeforeAll
    static void generate() throws Exception {
        tenant = FhirTenant.open("synthea");
        requireCapability(tenant.transacts(), "transactions (POST of a transaction Bundle to the base), which "
                + "Synthea's bundles need with conditional references");
        synthea = SyntheaPatients.generate();
    }

    @Test
    @Order(1)
    void providersLoadAsBatchesAndEachPatientAsOneTransaction() throws Exception {
        for (Path batch : synthea.providers()) {
            post(batch, "batch-response");
        }
        for (Path patient : synthea.patients()) {
            CREATED.put(patient.getFileName().toString(), post(patient, "transaction-response"));
        }
        assertEquals(5, CREATED.size());
    }

    @Test
    @Order(2)
    void thePatientsAndTheirRecordsReadBackWithReferencesResolved() throws Exception {
        assertFalse(CREATED.isEmpty(), "the bundles were loaded");
        for (Map.Entry<String, Map<String, List<String>>> loaded : CREATED.entrySet()) {
            Map<String, List<String>> byType = loaded.getValue();
            assertEquals(1, byType.get("Patient").size(), loaded.getKey());
            String patient = byType.get("Patient").get(0);
            JsonNode read = JsonDiff.parse(ok(tenant.get("/" + patient)));
            assertEquals("Patient", read.path("resourceType").asText());
            assertFalse(read.path("name").isEmpty());

            String encounter = byType.get("Encounter").get(0);
            JsonNode enc = JsonDiff.parse(ok(tenant.get("/" + encounter)));
            assertEquals(patient, enc.path("subject").path("reference").asText(), "urn:uuid rewritten: " + encounter);
            String practitioner = enc.path("participant").path(0).path("individual").path("reference").asText();
            assertTrue(practitioner.matches("Practitioner/[A-Za-z0-9\\-.]+"),
                    "the conditional reference resolved to the practitioner: " + practitioner);
            JsonNode doctor = JsonDiff.parse(ok(tenant.get("/" + practitioner)));
            assertEquals("http://hl7.org/fhir/sid/us-npi", doctor.path("identifier").path(0).path("system").asText());
            String organization = enc.path("serviceProvider").path("reference").asText();
            assertTrue(organization.matches("Organization/[A-Za-z0-9\\-.]+"), organization);
            ok(tenant.get("/" + organization));
        }
    }

    /** POSTs a Bundle to the base; expects 200 and every entry 2xx; yields the created locations by type. */
    private static Map<String, List<String>> post(Path file, String responseType) throws Exception {
        HttpResponse<String> response = tenant.post("", Files.readString(file));
        assertEquals(200, response.statusCode(), file.getFileName() + ": " + abbreviate(response.body()));
        JsonNode bundle = JsonDiff.parse(response.body());
        assertEquals(responseType, bundle.path("type").asText());
        int sent = JsonDiff.parse(Files.readString(file)).path("entry").size();
        assertEquals(sent, bundle.path("entry").size(), "one response entry per entry");
        Map<String, List<String>> byType = new LinkedHashMap<>();
        for (JsonNode entry : bundle.path("entry")) {
            String status = entry.path("response").path("status").asText();
            assertTrue(status.startsWith("2"), file.getFileName() + ": an entry answered " + status + " "
                    + abbreviate(entry.path("response").path("outcome").toString()));
            String location = entry.path("response").path("location").asText();
            // [base/]Type/id/_history/n → Type/id
            String[] parts = location.replaceFirst("/_history/.*$", "").split("/");
            if (parts.length >= 2) {
                byType.computeIfAbsent(parts[parts.length - 2], t -> new ArrayList<>())
                        .add(parts[parts.length - 2] + "/" + parts[parts.length - 1]);
            }
        }
        return byType;
    }

    private static String ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.uri() + ": " + abbreviate(response.body()));
        return response.body();
    }

    private static String abbreviate(String s) {
        return s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }
}
