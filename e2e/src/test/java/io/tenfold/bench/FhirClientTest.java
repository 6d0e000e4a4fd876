package io.tenfold.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** How the bench judges answers: a wrong answer with a 2xx status is an error too. */
class FhirClientTest {

    @Test
    void findsTheIdInRelativeAndAbsoluteLocations() {
        assertEquals("123", FhirClient.idIn("Patient/123/_history/1", "Patient"));
        assertEquals("a-b.c", FhirClient.idIn("http://h/fhir/Patient/a-b.c/_history/2", "Patient"));
        assertEquals("9", FhirClient.idIn("http://h/tenant/t/provider/smart-api/Observation/9", "Observation"));
        assertNull(FhirClient.idIn("Observation/9/_history/1", "Patient"));
        assertNull(FhirClient.idIn("http://h/fhir/MyPatient/1", "Patient"));
        assertNull(FhirClient.idIn(null, "Patient"));
    }

    @Test
    void aCreateIs201WithALocation() {
        assertEquals("7", FhirClient.createdId("Patient", reply(201, "", "Location", "Patient/7/_history/1"))
                .result());
        assertTrue(FhirClient.createdId("Patient", reply(200, "", "Location", "Patient/7")).cause().getMessage()
                .startsWith("POST Patient → 200"));
        assertTrue(FhirClient.createdId("Patient", reply(201, "")).cause().getMessage()
                .contains("without a Location"));
    }

    @Test
    void aTransactionResponseHasAllEntriesSucceeded() {
        JsonArray two = new JsonArray().add(entry("201 Created")).add(entry("201"));
        assertEquals(2, FhirClient.transactionEntries(reply(200, response(two).encode()), 2).result().size());
        assertTrue(FhirClient.transactionEntries(reply(200, response(two).encode()), 3).failed());
        assertTrue(FhirClient.transactionEntries(reply(200, response(new JsonArray().add(entry("201"))
                .add(entry("400 Bad Request"))).encode()), 2).cause().getMessage().contains("400 Bad Request"));
        assertTrue(FhirClient.transactionEntries(reply(200, response(two).put("type", "batch-response").encode()), 2)
                .failed());
        String long500 = "x".repeat(1000);
        String message = FhirClient.transactionEntries(reply(500, long500), 2).cause().getMessage();
        assertTrue(message.startsWith("POST transaction → 500: xxx") && message.length() < 250, message);
    }

    @Test
    void aSearchHasOnlyThePatientsHbA1cResults() {
        assertEquals(200, FhirBench.searchset(reply(200, searchset("p1", "4548-4", "p1", "4548-4").encode()), "p1", 2)
                .result());
        assertTrue(FhirBench.searchset(reply(200, searchset("p1", "4548-4").encode()), "p1", 2).cause()
                .getMessage().contains("1 matches where at least 2 exist"));
        assertTrue(FhirBench.searchset(reply(200, searchset("p1", "4548-4", "p2", "4548-4").encode()), "p1", 2)
                .failed());
        assertTrue(FhirBench.searchset(reply(200, searchset("p1", "4548-4", "p1", "8867-4").encode()), "p1", 2)
                .failed());
        JsonObject withInclude = searchset("p1", "4548-4", "p1", "4548-4");
        withInclude.getJsonArray("entry").add(new JsonObject().put("search", new JsonObject().put("mode", "include"))
                .put("resource", new JsonObject().put("resourceType", "Patient").put("id", "p1")));
        assertEquals(200, FhirBench.searchset(reply(200, withInclude.encode()), "p1", 2).result());
        assertTrue(FhirBench.searchset(reply(401, ""), "p1", 2).failed());
    }

    private static JsonObject searchset(String... subjectAndCode) {
        JsonArray entries = new JsonArray();
        for (int i = 0; i < subjectAndCode.length; i += 2) {
            entries.add(new JsonObject().put("resource", new JsonObject().put("resourceType", "Observation")
                    .put("subject", new JsonObject().put("reference", "Patient/" + subjectAndCode[i]))
                    .put("code", new JsonObject().put("coding", new JsonArray().add(new JsonObject()
                            .put("system", "http://loinc.org").put("code", subjectAndCode[i + 1]))))));
        }
        return new JsonObject().put("resourceType", "Bundle").put("type", "searchset").put("entry", entries);
    }

    private static JsonObject entry(String status) {
        return new JsonObject().put("response", new JsonObject().put("status", status));
    }

    private static JsonObject response(JsonArray entries) {
        return new JsonObject().put("resourceType", "Bundle").put("type", "transaction-response")
                .put("entry", entries);
    }

    private static Http.Reply reply(int status, String body, String... headers) {
        MultiMap map = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < headers.length; i += 2) {
            map.add(headers[i], headers[i + 1]);
        }
        return new Http.Reply(status, map, Buffer.buffer(body));
    }

}
