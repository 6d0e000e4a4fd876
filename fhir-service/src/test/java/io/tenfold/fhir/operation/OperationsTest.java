package io.tenfold.fhir.operation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.tenfold.fhir.support.TestTenants;
import io.tenfold.local.testing.Db;
import io.tenfold.local.testing.TenantEvents;
import io.tenfold.local.testing.TestTokens;

/** $everything, $validate, the CapabilityStatement's contents, and a deleted tenant's data going. */
@QuarkusTest
class OperationsTest {

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
        tenant = TestTenants.create("ops");
        me = create("Patient", "{\"resourceType\":\"Patient\"}");
        other = create("Patient", "{\"resourceType\":\"Patient\"}");
        myObservation = create("Observation", observation(me));
        otherObservation = create("Observation", observation(other));
    }

    static String observation(String patient) {
        return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
                + "\"subject\":{\"reference\":\"Patient/" + patient + "\"}}";
    }

    static RequestSpecification provider() {
        return given().auth().oauth2(TestTokens.provider(tenant, "user/*.cruds")).contentType("application/fhir+json");
    }

    static String create(String type, String body) {
        return provider().body(body).post("/tenant/" + tenant + "/provider/smart-api/" + type).then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void everythingIsThePatientsCompartment() {
        provider().get("/tenant/" + tenant + "/provider/smart-api/Patient/" + me + "/$everything").then().log().ifValidationFails()
                .statusCode(200).body("type", equalTo("searchset"))
                .body("entry.resource.id", containsInAnyOrder(me, myObservation));
        given().auth().oauth2(TestTokens.patient(tenant, me, "patient/*.rs"))
                .get("/tenant/" + tenant + "/patient/smart-api/Patient/" + me + "/$everything").then()
                .statusCode(200).body("entry.resource.id", containsInAnyOrder(me, myObservation));
        given().auth().oauth2(TestTokens.patient(tenant, me, "patient/*.rs"))
                .get("/tenant/" + tenant + "/patient/smart-api/Patient/" + other + "/$everything").then()
                .statusCode(404);
        given().auth().oauth2(TestTokens.patient(tenant, me, "patient/Patient.rs"))
                .get("/tenant/" + tenant + "/patient/smart-api/Patient/" + me + "/$everything").then()
                .statusCode(200).body("entry.resource.id", not(hasItem(myObservation)));
        provider().get("/tenant/" + tenant + "/provider/smart-api/Patient/" + me + "/$everything?_count=1").then()
                .statusCode(200).body("entry.size()", equalTo(1))
                .body("link.relation", hasItem("next"));
    }

    @Test
    void validateChecksWithoutStoring() {
        long before = Db.count("SELECT count(*) FROM fhir.resources WHERE tenant_id = ?", tenant);
        provider().body("{\"resourceType\":\"Patient\",\"gender\":\"female\"}")
                .post("/tenant/" + tenant + "/provider/smart-api/Patient/$validate").then().statusCode(200)
                .body("resourceType", equalTo("OperationOutcome")).body("issue[0].severity", equalTo("information"));
        provider().body("{\"resourceType\":\"Patient\",\"gender\":\"sometimes\"}")
                .post("/tenant/" + tenant + "/provider/smart-api/Patient/$validate").then().statusCode(200)
                .body("issue[0].severity", equalTo("error"))
                .body("issue[0].diagnostics", containsString("sometimes"));
        org.junit.jupiter.api.Assertions.assertEquals(before,
                Db.count("SELECT count(*) FROM fhir.resources WHERE tenant_id = ?", tenant));
    }

    @Test
    void capabilityStatementListsTheInteractionsAndParameters() {
        given().get("/tenant/" + tenant + "/provider/smart-api/metadata").then().statusCode(200)
                .body("rest[0].interaction.code", hasItem("transaction"))
                .body("rest[0].resource.find { it.type == 'Observation' }.interaction.code",
                        hasItem("search-type"))
                .body("rest[0].resource.find { it.type == 'Observation' }.searchParam.name",
                        hasItem("code"))
                .body("rest[0].resource.find { it.type == 'Patient' }.operation.name", hasItem("everything"));
    }

    @Test
    void deletingTheTenantPurgesItsResources() {
        String doomed = TestTenants.create("ops-del");
        given().auth().oauth2(TestTokens.provider(doomed, "user/*.cruds")).contentType("application/fhir+json")
                .body(observation("x")).post("/tenant/" + doomed + "/provider/smart-api/Observation").then()
                .statusCode(201);
        TenantEvents.delete(doomed);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                Db.count("SELECT count(*) FROM fhir.resources WHERE tenant_id = ?", doomed) == 0
                        && Db.count("SELECT count(*) FROM fhir.search_reference WHERE tenant_id = ?", doomed) == 0
                        && Db.count("SELECT count(*) FROM fhir.resource_versions WHERE tenant_id = ?", doomed) == 0);
    }
}
