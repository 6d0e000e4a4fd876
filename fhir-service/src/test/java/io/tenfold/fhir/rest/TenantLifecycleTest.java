package io.tenfold.fhir.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.local.testing.TenantEvents;
import io.tenfold.local.testing.TopicProbe;

/** fhir-service serves a tenant once tenant-service announces it, and forgets it once it is deleted. */
@QuarkusTest
class TenantLifecycleTest {

    @Test
    void servesMetadataAndSmartConfigurationOfAnnouncedTenantsOnly() {
        String id = "fhir-" + UUID.randomUUID().toString().substring(0, 8);
        given().get("/tenant/" + id + "/patient/smart-api/metadata").then().statusCode(404);

        TenantEvents.publish(id, "Fhir Clinic");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().get("/tenant/" + id + "/patient/smart-api/metadata").then().statusCode(200));

        for (String audience : new String[] { "patient", "provider" }) {
            String base = "http://tenfold.test/tenant/" + id + "/" + audience;
            given().get("/tenant/" + id + "/" + audience + "/smart-api/metadata").then().statusCode(200)
                    .contentType(containsString("application/fhir+json"))
                    .body("resourceType", equalTo("CapabilityStatement"))
                    .body("fhirVersion", equalTo("4.0.1"))
                    .body("kind", equalTo("instance"))
                    .body("implementation.url", equalTo(base + "/smart-api"))
                    .body("implementation.description", containsString("Fhir Clinic"))
                    .body("rest[0].mode", equalTo("server"))
                    .body("rest[0].security.service[0].coding[0].code", equalTo("SMART-on-FHIR"));
            given().get("/tenant/" + id + "/" + audience + "/smart-api/.well-known/smart-configuration").then()
                    .statusCode(200)
                    .contentType(containsString("application/json"))
                    .body("issuer", equalTo(base + "/auth"))
                    .body("jwks_uri", equalTo(base + "/auth/jwks"))
                    .body("authorization_endpoint", equalTo(base + "/auth/authorize"))
                    .body("token_endpoint", equalTo(base + "/auth/token"))
                    .body("code_challenge_methods_supported", hasItem("S256"))
                    .body("capabilities", hasItems("launch-ehr", "launch-standalone", "client-public",
                            "client-confidential-symmetric", "client-confidential-asymmetric", "sso-openid-connect",
                            "context-standalone-patient", "context-ehr-patient", "context-banner", "context-style",
                            "permission-offline", "permission-online", "permission-patient", "permission-user",
                            "permission-v1", "permission-v2", "authorize-post"));
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> !TopicProbe.messages(
                "tenfold.tenants.provisioning.v1", m -> id.equals(m.key()) && m.text().contains("\"READY\"")
                        && m.text().contains("fhir-service")).isEmpty());

        TenantEvents.delete(id);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().get("/tenant/" + id + "/patient/smart-api/metadata").then().statusCode(404)
                        .body("resourceType", equalTo("OperationOutcome"))
                        .body("issue[0].code", equalTo("not-found")));
        given().get("/tenant/" + id + "/provider/smart-api/.well-known/smart-configuration").then().statusCode(404);
        await().atMost(Duration.ofSeconds(15)).until(() -> !TopicProbe.messages(
                "tenfold.tenants.provisioning.v1", m -> id.equals(m.key()) && m.text().contains("\"PURGED\"")
                        && m.text().contains("fhir-service")).isEmpty());
    }

    @Test
    void unknownTenantsAndRoutesAnswer404OperationOutcome() {
        given().get("/tenant/nobody-here/patient/smart-api/metadata").then().statusCode(404)
                .contentType(containsString("application/fhir+json"))
                .body("resourceType", equalTo("OperationOutcome"));
        given().get("/tenant/Bad_Tenant/patient/smart-api/metadata").then().statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"));
        given().get("/nothing-here").then().statusCode(404).body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void metadataAnswersCorsPreflightsFromAnyOrigin() {
        String id = "cors-" + UUID.randomUUID().toString().substring(0, 8);
        TenantEvents.publish(id, "Cors Clinic");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().get("/tenant/" + id + "/patient/smart-api/metadata").then().statusCode(200));
        given().header("Origin", "https://app.example.org")
                .header("Access-Control-Request-Method", "GET")
                .options("/tenant/" + id + "/patient/smart-api/metadata")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", anyOf(equalTo("*"), equalTo("https://app.example.org")));
        given().header("Origin", "https://app.example.org")
                .get("/tenant/" + id + "/patient/smart-api/.well-known/smart-configuration")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", anyOf(equalTo("*"), equalTo("https://app.example.org")));
    }
}
