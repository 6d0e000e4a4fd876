package io.tenfold.portal.invite;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tenfold.local.testing.TenantEvents;

/**
 * The invitation page's own behaviour: its form, CSRF protection and checks. Accepting at tenant-service is in
 * the e2e tests, where both services run; here tenant-service is not configured, which the page reports.
 */
@QuarkusTest
class InvitePageTest {

    private String path;

    @BeforeEach
    void tenant() {
        String id = "inv-" + UUID.randomUUID().toString().substring(0, 8);
        TenantEvents.publish(id, "Invite Clinic");
        path = "/tenant/" + id + "/patient/portal/invite";
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().queryParam("ticket", "t").get(path).then().statusCode(200));
    }

    @Test
    void formCarriesTheTicketAndACsrfToken() {
        given().queryParam("ticket", "ticket-123").get(path).then().statusCode(200)
                .body(containsString("name=\"ticket\" value=\"ticket-123\""))
                .body(containsString("autocomplete=\"new-password\""))
                .cookie("tenfold_csrf");
    }

    @Test
    void postWithoutItsCsrfTokenIsRefused() {
        given().formParam("ticket", "t").formParam("password", "long-enough-1").formParam("confirm", "long-enough-1")
                .post(path).then().statusCode(400);
    }

    @Test
    void shortOrMismatchedPasswordsAreAskedAgain() {
        Form form = Form.of(given().queryParam("ticket", "t").get(path));
        form.post(path, "short", "short").then().statusCode(200).body(containsString("at least 8"));
        form.post(path, "long-enough-1", "long-enough-2").then().statusCode(200).body(containsString("differ"));
    }

    @Test
    void unreachableRegistryIsA503Page() {
        Form.of(given().queryParam("ticket", "t").get(path)).post(path, "long-enough-1", "long-enough-1").then()
                .statusCode(503).body(containsString("try again later"));
    }

    @Test
    void missingTicketSaysTheLinkIsInvalid() {
        given().get(path).then().statusCode(200).body(containsString("not valid"));
    }

    /** The page's CSRF token and cookie, as a browser would send them back. */
    private record Form(String csrf, String cookie) {

        static Form of(Response page) {
            Matcher m = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(page.asString());
            assertNotNull(m.find() ? m.group(1) : null, "the form carries a CSRF token");
            return new Form(m.group(1), page.getCookie("tenfold_csrf"));
        }

        Response post(String path, String password, String confirm) {
            return given().cookie("tenfold_csrf", cookie).formParam("csrf-token", csrf).formParam("ticket", "t")
                    .formParam("password", password).formParam("confirm", confirm).post(path);
        }
    }
}
