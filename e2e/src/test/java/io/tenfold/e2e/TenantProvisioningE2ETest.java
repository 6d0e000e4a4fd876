package io.tenfold.e2e;

import static io.restassured.RestAssured.given;
import static io.tenfold.e2e.RunningPlatform.operator;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.tenfold.local.infra.KafkaBroker;

/**
 * An operator creates a tenant and, within seconds, every service serves it through the one entry point;
 * deletes it and every service forgets it. All over HTTP, as an operator would.
 */
class TenantProvisioningE2ETest {

    private static final Duration WITHIN = Duration.ofSeconds(15);

    @BeforeAll
    static void platform() throws Exception {
        RunningPlatform.get();
    }

    @Test
    void createdTenantIsLiveEverywhereThenDeletedTenantIs404Everywhere() throws Exception {
        String id = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        operator().contentType("application/json")
                .body("{\"resourceType\":\"Tenant\",\"id\":\"" + id + "\",\"name\":\"E2E Clinic\"}")
                .post("/Tenant").then().statusCode(201);

        await().atMost(WITHIN).untilAsserted(() -> assertLive(id));
        await().atMost(WITHIN).untilAsserted(() -> operator().get("/Tenant/" + id).then().statusCode(200)
                .body("provisioning.status", equalTo("ready"))
                .body("provisioning.services.auth-service", equalTo("ready"))
                .body("provisioning.services.fhir-service", equalTo("ready"))
                .body("provisioning.services.portal-service", equalTo("ready"))
                .body("provisioning.services.bulk-service", equalTo("ready")));

        operator().delete("/Tenant/" + id).then().statusCode(204);
        await().atMost(WITHIN).untilAsserted(() -> assertGone(id));
        operator().get("/Tenant/" + id).then().statusCode(404);
    }

    @Test
    void tenantCreatedWhileKafkaIsDownIsProvisionedOnceItIsBack() throws Exception {
        KafkaBroker kafka = RunningPlatform.get().kafka().orElseThrow();
        String id = "e2e-offline-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.stop();
        try {
            operator().contentType("application/json")
                    .body("{\"resourceType\":\"Tenant\",\"id\":\"" + id + "\",\"name\":\"Offline Clinic\"}")
                    .post("/Tenant").then().statusCode(201);
            operator().get("/Tenant/" + id).then().statusCode(200)
                    .body("provisioning.status", equalTo("in-progress"));
            given().get("/tenant/" + id + "/patient/smart-api/metadata").then().statusCode(404);
        } finally {
            kafka.start();
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertLive(id));
        await().atMost(WITHIN).untilAsserted(() -> operator().get("/Tenant/" + id).then()
                .body("provisioning.status", equalTo("ready")));
    }

    private static void assertLive(String id) {
        String t = "/tenant/" + id;
        given().get(t + "/patient/smart-api/metadata").then().statusCode(200)
                .body("resourceType", equalTo("CapabilityStatement"))
                .body("fhirVersion", equalTo("4.0.1"));
        given().get(t + "/provider/smart-api/metadata").then().statusCode(200);
        given().get(t + "/patient/smart-api/.well-known/smart-configuration").then().statusCode(200)
                .body("token_endpoint", containsString(t + "/patient/auth/token"));
        given().get(t + "/provider/smart-api/.well-known/smart-configuration").then().statusCode(200);
        given().get(t + "/patient/auth/jwks").then().statusCode(200).body("keys.size()", greaterThan(0));
        given().get(t + "/provider/auth/jwks").then().statusCode(200).body("keys.size()", greaterThan(0));
        given().get(t + "/patient/auth/.well-known/openid-configuration").then().statusCode(200)
                .body("issuer", containsString(t + "/patient/auth"));
        given().accept("text/html").get(t + "/patient/portal/").then().statusCode(200)
                .body(containsString("<h1>"));
        given().get(t + "/bulk-api/$export").then().statusCode(401);
    }

    private static void assertGone(String id) {
        String t = "/tenant/" + id;
        for (String path : new String[] { "/patient/smart-api/metadata", "/provider/smart-api/metadata",
                "/patient/smart-api/.well-known/smart-configuration", "/patient/auth/jwks", "/provider/auth/jwks",
                "/patient/auth/.well-known/openid-configuration", "/patient/portal/", "/bulk-api/$export" }) {
            given().accept("application/json").get(t + path).then().statusCode(404)
                    .body("resourceType", equalTo("OperationOutcome"));
        }
    }
}
