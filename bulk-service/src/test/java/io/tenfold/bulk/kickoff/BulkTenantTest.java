package io.tenfold.bulk.kickoff;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.local.testing.TenantEvents;

/**
 * bulk-service knows the tenants tenant-service announced: their bulk API wants a token (401), an unknown or
 * deleted tenant's is not there (404).
 */
@QuarkusTest
class BulkTenantTest {

    @Test
    void knownTenantWantsATokenUnknownOrDeletedTenantIsNotFound() {
        String id = "bulk-" + UUID.randomUUID().toString().substring(0, 8);
        given().get("/tenant/" + id + "/bulk-api/$export").then().statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"));

        TenantEvents.publish(id, "Bulk Clinic");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().get("/tenant/" + id + "/bulk-api/$export").then().statusCode(401)
                        .header("WWW-Authenticate", startsWith("Bearer"))
                        .body("resourceType", equalTo("OperationOutcome"))
                        .body("issue[0].code", equalTo("login")));
        given().auth().oauth2("forged.token.value").get("/tenant/" + id + "/bulk-api/Patient/$export")
                .then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\""));

        TenantEvents.delete(id);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().get("/tenant/" + id + "/bulk-api/$export").then().statusCode(404));
    }
}
