package io.tenfold.fhir.crud;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tenfold.fhir.support.TestTenants;
import io.tenfold.local.testing.TestTokens;

/** Create, read, vread, update, patch and delete, with versions, ETags and conditional headers. */
@QuarkusTest
class CrudTest {

    static String tenant;
    static String api;

    @BeforeEach
    void tenant() {
        if (tenant != null) {
            return;
        }
        tenant = TestTenants.create("crud");
        api = "/tenant/" + tenant + "/provider/smart-api";
    }

    static RequestSpecification provider() {
        return given().auth().oauth2(TestTokens.provider(tenant, "user/*.cruds")).contentType("application/fhir+json");
    }

    static String createPatient(String family) {
        return provider().body("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + family + "\"}]}")
                .post(api + "/Patient").then().statusCode(201).extract().path("id");
    }

    @Test
    void createThenReadServesTheStoredResourceWithVersionAndLocation() {
        Response created = provider().body("{\"resourceType\":\"Patient\",\"id\":\"ignored\",\"gender\":\"female\","
                + "\"birthDate\":\"1970-03-04\"}").post(api + "/Patient");
        created.then().statusCode(201)
                .header("Location", startsWith(TestTokens.fhirBase(tenant, "provider") + "/Patient/"))
                .header("Location", containsString("/_history/1"))
                .header("ETag", equalTo("W/\"1\""))
                .contentType(containsString("application/fhir+json"))
                .body("meta.versionId", equalTo("1"))
                .body("meta.lastUpdated", notNullValue())
                .body("gender", equalTo("female"));
        String id = created.path("id");
        org.junit.jupiter.api.Assertions.assertNotEquals("ignored", id);

        provider().get(api + "/Patient/" + id).then().statusCode(200)
                .header("ETag", equalTo("W/\"1\""))
                .header("Last-Modified", notNullValue())
                .body("resourceType", equalTo("Patient"))
                .body("id", equalTo(id))
                .body("birthDate", equalTo("1970-03-04"));
        provider().header("If-None-Match", "W/\"1\"").get(api + "/Patient/" + id).then().statusCode(304);
        provider().get(api + "/Patient/" + id + "/_history/1").then().statusCode(200).body("id", equalTo(id));
        provider().get(api + "/Patient/" + id + "/_history/2").then().statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void updateMakesVersionTwoAndIfMatchGuardsAgainstLostUpdates() {
        String id = createPatient("Ada");
        String v2 = "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"name\":[{\"family\":\"Lovelace\"}]}";
        provider().header("If-Match", "W/\"1\"").body(v2).put(api + "/Patient/" + id).then().statusCode(200)
                .header("ETag", equalTo("W/\"2\"")).body("meta.versionId", equalTo("2"));
        provider().header("If-Match", "W/\"1\"").body(v2).put(api + "/Patient/" + id).then().statusCode(412)
                .body("resourceType", equalTo("OperationOutcome"));
        provider().get(api + "/Patient/" + id).then().body("name[0].family", equalTo("Lovelace"));
        provider().get(api + "/Patient/" + id + "/_history/1").then().body("name[0].family", equalTo("Ada"));
        provider().get(api + "/Patient/" + id + "/_history").then().statusCode(200)
                .body("type", equalTo("history"))
                .body("entry.size()", equalTo(2))
                .body("entry[0].resource.meta.versionId", equalTo("2"))
                .body("entry[1].request.method", equalTo("POST"));
    }

    @Test
    void updateWithAClientIdCreatesTheResource() {
        String id = "client-chosen-" + System.nanoTime();
        provider().body("{\"resourceType\":\"Patient\",\"id\":\"" + id + "\"}").put(api + "/Patient/" + id).then()
                .statusCode(201).header("ETag", equalTo("W/\"1\""));
        provider().get(api + "/Patient/" + id).then().statusCode(200);
    }

    @Test
    void patchAppliesJsonPatch() {
        String id = createPatient("Hopper");
        provider().contentType("application/json-patch+json")
                .body("[{\"op\":\"replace\",\"path\":\"/name/0/family\",\"value\":\"Hopper-Murray\"},"
                        + "{\"op\":\"add\",\"path\":\"/active\",\"value\":true}]")
                .patch(api + "/Patient/" + id).then().statusCode(200)
                .body("name[0].family", equalTo("Hopper-Murray")).body("active", equalTo(true))
                .body("meta.versionId", equalTo("2"));
        provider().contentType("application/json-patch+json")
                .body("[{\"op\":\"test\",\"path\":\"/active\",\"value\":false}]")
                .patch(api + "/Patient/" + id).then().statusCode(422);
        provider().contentType("application/json-patch+json")
                .body("[{\"op\":\"add\",\"path\":\"/notAnElement\",\"value\":1}]")
                .patch(api + "/Patient/" + id).then().statusCode(400)
                .body("issue[0].diagnostics", containsString("notAnElement"));
        provider().get(api + "/Patient/" + id).then().body("meta.versionId", equalTo("2"));
    }

    @Test
    void deleteMakesReadsGoneAndIsIdempotent() {
        String id = createPatient("Gone");
        provider().delete(api + "/Patient/" + id).then().statusCode(200);
        provider().get(api + "/Patient/" + id).then().statusCode(410)
                .body("resourceType", equalTo("OperationOutcome")).body("issue[0].code", equalTo("deleted"));
        provider().delete(api + "/Patient/" + id).then().statusCode(200);
        provider().get(api + "/Patient/" + id + "/_history/1").then().statusCode(200);
        provider().get(api + "/Patient/" + id + "/_history").then().body("entry.size()", equalTo(2))
                .body("entry[0].request.method", equalTo("DELETE"));
    }

    @Test
    void badInputGetsAnOperationOutcomeAndStoresNothing() {
        provider().body("{\"resourceType\":\"Patient\",\"gender\":\"sometimes\"}").post(api + "/Patient").then()
                .statusCode(400).body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString("sometimes"));
        provider().body("{\"resourceType\":\"Patient\",\"colour\":\"blue\"}").post(api + "/Patient").then()
                .statusCode(400).body("issue[0].diagnostics", containsString("colour"));
        provider().body("{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"}}")
                .post(api + "/Patient").then().statusCode(400).body("issue[0].expression[0]", equalTo("resourceType"));
        provider().body("{\"resourceType\":\"Patient\"").post(api + "/Patient").then().statusCode(400);
        provider().body(new byte[] { '{', '"', (byte) 0xC3, (byte) 0x28, '"', '}' }).post(api + "/Patient").then()
                .statusCode(400).body("issue[0].diagnostics", containsString("UTF-8"));
        provider().body("[".repeat(100) + "]".repeat(100)).post(api + "/Patient").then().statusCode(400);
        provider().body("{\"resourceType\":\"Patient\",\"id\":\"a\"}").put(api + "/Patient/b").then().statusCode(400);
        provider().body("{\"resourceType\":\"Patient\",\"generalPractitioner\":[{\"reference\":\"Nope/1\"}]}")
                .post(api + "/Patient").then().statusCode(422);
        provider().body("{\"resourceType\":\"Patient\",\"generalPractitioner\":[{\"reference\":"
                + "\"http://tenfold.test/tenant/other-clinic/provider/smart-api/Practitioner/1\"}]}")
                .post(api + "/Patient").then().statusCode(422)
                .body("issue[0].details.coding[0].code", equalTo("reference-other-tenant"));
        provider().get(api + "/Nonsense/1").then().statusCode(404);
        provider().get(api + "/Patient/does-not-exist").then().statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void xmlIsRefusedUntilItIsServed() {
        String id = createPatient("Xml");
        provider().queryParam("_format", "xml").get(api + "/Patient/" + id).then().statusCode(406)
                .body("resourceType", equalTo("OperationOutcome"));
        provider().accept("application/fhir+xml").get(api + "/Patient/" + id).then().statusCode(406);
        given().auth().oauth2(TestTokens.provider(tenant, "user/*.cruds")).contentType("application/fhir+xml")
                .body("<Patient xmlns=\"http://hl7.org/fhir\"/>").post(api + "/Patient").then().statusCode(415);
        provider().queryParam("_format", "json").get(api + "/Patient/" + id).then().statusCode(200);
        provider().accept("application/json").get(api + "/Patient/" + id).then().statusCode(200);
    }

    @Test
    void preferControlsWhatAWriteReturns() {
        provider().header("Prefer", "return=minimal").body("{\"resourceType\":\"Patient\"}").post(api + "/Patient")
                .then().statusCode(201).header("Location", notNullValue()).body(equalTo(""));
        provider().header("Prefer", "return=OperationOutcome").body("{\"resourceType\":\"Patient\"}")
                .post(api + "/Patient").then().statusCode(201).body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void conditionalCreateUpdateAndDeleteDecideByTheirMatches() {
        String mrn = "mrn-" + System.nanoTime();
        String body = "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:mrn\",\"value\":\"" + mrn
                + "\"}]}";
        String id = provider().header("If-None-Exist", "identifier=urn:mrn|" + mrn).body(body).post(api + "/Patient")
                .then().statusCode(201).extract().path("id");
        provider().header("If-None-Exist", "identifier=urn:mrn|" + mrn).body(body).post(api + "/Patient").then()
                .statusCode(200).body("id", equalTo(id));

        provider().queryParam("identifier", "urn:mrn|" + mrn)
                .body(body.replace("}]}", "}],\"gender\":\"other\"}")).put(api + "/Patient").then()
                .statusCode(200).body("id", equalTo(id)).body("gender", equalTo("other"))
                .body("meta.versionId", equalTo("2"));

        provider().body(body).post(api + "/Patient").then().statusCode(201); // a second one with the same MRN
        provider().header("If-None-Exist", "identifier=urn:mrn|" + mrn).body(body).post(api + "/Patient").then()
                .statusCode(412);
        provider().queryParam("identifier", "urn:mrn|" + mrn).delete(api + "/Patient").then().statusCode(412);
        provider().queryParam("_id", id).delete(api + "/Patient").then().statusCode(200);
        provider().get(api + "/Patient/" + id).then().statusCode(410);
        provider().header("If-None-Exist", "colour=blue").body(body).post(api + "/Patient").then().statusCode(400);
    }
}
