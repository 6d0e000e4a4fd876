package io.tenfold.portal.landing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.local.testing.TenantEvents;

/** The portal opens for tenants tenant-service announced, and closes when they are deleted. */
@QuarkusTest
class LandingPageTest {

    @Test
    void landingPageOfAnAnnouncedTenantThen404WhenDeleted() {
        String id = "portal-" + UUID.randomUUID().toString().substring(0, 8);
        TenantEvents.publish(id, "Portal <Clinic>");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().get("/tenant/" + id + "/patient/portal/").then().statusCode(200));

        given().accept("text/html").get("/tenant/" + id + "/patient/portal/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", equalTo("DENY"))
                .body(containsString("Portal &lt;Clinic&gt;"))
                .body(not(containsString("Portal <Clinic>")));
        given().get("/tenant/" + id + "/patient/portal").then().statusCode(200)
                .body(containsString("http://tenfold.test/tenant/" + id + "/patient/portal/"));

        TenantEvents.delete(id);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().accept("application/json").get("/tenant/" + id + "/patient/portal/").then().statusCode(404)
                        .body("resourceType", equalTo("OperationOutcome")));
    }

    @Test
    void browsersGetAnHtml404ForUnknownTenantsAndApisGetAnOperationOutcome() {
        given().accept("text/html,application/xhtml+xml,*/*;q=0.8").get("/tenant/nobody/patient/portal/")
                .then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("Unknown tenant"));
        given().get("/tenant/nobody/patient/portal/").then().statusCode(404)
                .contentType(containsString("application/fhir+json"))
                .body("resourceType", equalTo("OperationOutcome"));
    }
}
