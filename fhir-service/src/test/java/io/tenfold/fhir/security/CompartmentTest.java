package io.tenfold.fhir.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.tenfold.fhir.support.TestTenants;
import io.tenfold.local.testing.TestTokens;

/**
 * A patient's token reaches only that patient's compartment on every instance path; everything outside it looks
 * exactly like a missing id. Writes cannot put data into another patient's compartment or move it out of one.
 */
@QuarkusTest
class CompartmentTest {

    static String tenant;
    static String me;
    static String other;
    static String myObservation;
    static String otherObservation;

    @BeforeEach
    void data() {
        if (tenant != null) {
            return;
        }
        tenant = TestTenants.create("comp");
        me = create("Patient", "{\"resourceType\":\"Patient\"}");
        other = create("Patient", "{\"resourceType\":\"Patient\"}");
        myObservation = create("Observation", observation(me));
        otherObservation = create("Observation", observation(other));
    }

    static String observation(String patient) {
        return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
                + "\"subject\":{\"reference\":\"Patient/" + patient + "\"}}";
    }

    static String create(String type, String body) {
        return given().auth().oauth2(TestTokens.provider(tenant, "user/*.cruds")).contentType("application/fhir+json")
                .body(body).post("/tenant/" + tenant + "/provider/smart-api/" + type).then().statusCode(201)
                .extract().path("id");
    }

    static RequestSpecification mine() {
        return given().auth().oauth2(TestTokens.patient(tenant, me, "patient/*.cruds"))
                .contentType("application/fhir+json");
    }

    static String api() {
        return "/tenant/" + tenant + "/patient/smart-api";
    }

    @Test
    void readsOwnDataOnly() {
        mine().get(api() + "/Patient/" + me).then().statusCode(200);
        mine().get(api() + "/Observation/" + myObservation).then().statusCode(200);
        mine().get(api() + "/Patient/" + other).then().statusCode(404).body("issue[0].code", equalTo("not-found"));
        mine().get(api() + "/Observation/" + otherObservation).then().statusCode(404);
        mine().get(api() + "/Observation/" + otherObservation + "/_history/1").then().statusCode(404);
        mine().get(api() + "/Observation/" + otherObservation + "/_history").then().statusCode(200)
                .body("entry", nullValue());
        mine().get(api() + "/Observation/_history").then().statusCode(200)
                .body("entry.resource.id", hasItem(myObservation))
                .body("entry.resource.id", not(hasItem(otherObservation)))
                .body("entry.resource.subject.reference", everyItem(equalTo("Patient/" + me)));
    }

    @Test
    void cannotWriteIntoAnotherPatientsCompartment() {
        mine().body(observation(other)).post(api() + "/Observation").then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("compartment-violation"));
        mine().body(observation(me)).post(api() + "/Observation").then().statusCode(201);
        mine().body(observation(other).replace("{\"resourceType\":\"Observation\"",
                "{\"resourceType\":\"Observation\",\"id\":\"" + otherObservation + "\""))
                .put(api() + "/Observation/" + otherObservation).then().statusCode(404);
        mine().delete(api() + "/Observation/" + otherObservation).then().statusCode(200);
        given().auth().oauth2(TestTokens.provider(tenant, "user/*.cruds"))
                .get("/tenant/" + tenant + "/provider/smart-api/Observation/" + otherObservation).then()
                .statusCode(200).body("meta.versionId", equalTo("1"));
        mine().contentType("application/json-patch+json")
                .body("[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"amended\"}]")
                .patch(api() + "/Observation/" + otherObservation).then().statusCode(404);
    }

    @Test
    void cannotMoveOwnDataOutOfTheCompartment() {
        String mineToMove = create("Observation", observation(me));
        mine().body(observation(other).replace("{\"resourceType\":\"Observation\"",
                "{\"resourceType\":\"Observation\",\"id\":\"" + mineToMove + "\""))
                .put(api() + "/Observation/" + mineToMove).then().statusCode(403);
        mine().contentType("application/json-patch+json")
                .body("[{\"op\":\"replace\",\"path\":\"/subject/reference\",\"value\":\"Patient/" + other + "\"}]")
                .patch(api() + "/Observation/" + mineToMove).then().statusCode(403);
        mine().get(api() + "/Observation/" + mineToMove).then().statusCode(200)
                .body("subject.reference", equalTo("Patient/" + me)).body("meta.versionId", equalTo("1"));
    }

    @Test
    void cannotChooseIdsOfNewResources() {
        mine().body("{\"resourceType\":\"Observation\",\"id\":\"chosen-1\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
                + "\"subject\":{\"reference\":\"Patient/" + me + "\"}}").put(api() + "/Observation/chosen-1").then()
                .statusCode(404);
    }

    @Test
    void anotherTenantsIdsAreUnknown() {
        String elsewhere = TestTenants.create("comp-b");
        given().auth().oauth2(TestTokens.provider(elsewhere, "user/*.cruds"))
                .get("/tenant/" + elsewhere + "/provider/smart-api/Patient/" + me).then().statusCode(404);
        given().auth().oauth2(TestTokens.provider(elsewhere, "user/*.cruds"))
                .get("/tenant/" + elsewhere + "/provider/smart-api/Observation?subject=Patient/" + me).then()
                .statusCode(200).body("entry", nullValue());
        given().auth().oauth2(TestTokens.provider(elsewhere, "user/*.cruds")).contentType("application/fhir+json")
                .body("{\"resourceType\":\"Patient\",\"id\":\"" + me + "\"}")
                .put("/tenant/" + elsewhere + "/provider/smart-api/Patient/" + me).then().statusCode(201);
        given().auth().oauth2(TestTokens.provider(tenant, "user/*.cruds"))
                .get("/tenant/" + tenant + "/provider/smart-api/Patient/" + me).then().statusCode(200)
                .body("meta.versionId", equalTo("1"));
    }
}
