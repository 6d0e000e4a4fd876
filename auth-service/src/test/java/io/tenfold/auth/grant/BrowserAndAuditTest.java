package io.tenfold.auth.grant;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.auth.support.Registry;
import io.tenfold.auth.support.TestClients;
import io.tenfold.local.testing.TopicProbe;

/** Browser apps can call the OAuth endpoints cross-origin; every token and login lands in the audit topic. */
@QuarkusTest
class BrowserAndAuditTest {

    private static final String ORIGIN = "https://app.example.org";

    @Test
    void oauthEndpointsAnswerCorsPreflights() {
        String tenant = Registry.tenant("cors");
        for (String endpoint : List.of("token", "introspect", "revoke", "userinfo", "jwks",
                ".well-known/openid-configuration")) {
            given().header("Origin", ORIGIN).header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization,content-type")
                    .options("/tenant/" + tenant + "/patient/auth/" + endpoint).then().statusCode(200)
                    .header("Access-Control-Allow-Origin", anyOf(equalTo("*"), equalTo(ORIGIN)))
                    .header("Access-Control-Allow-Methods", containsString("POST"));
        }
        given().header("Origin", ORIGIN).get("/tenant/" + tenant + "/patient/auth/jwks").then().statusCode(200)
                .header("Access-Control-Allow-Origin", anyOf(equalTo("*"), equalTo(ORIGIN)));
    }

    @Test
    void tokenIssuanceAndRefusalsAreAuditedWithoutSecrets() {
        String tenant = Registry.tenant("audit");
        String id = TestClients.newId("backend");
        Registry.client(TestClients.backendWithSecret(tenant, id, "audit-secret-xyz", null));
        Registry.allowPolicy(tenant, "Client/" + id);
        String token = given().auth().preemptive().basic(id, "audit-secret-xyz")
                .formParam("grant_type", "client_credentials").formParam("scope", "system/*.rs")
                .post("/tenant/" + tenant + "/provider/auth/token").then().statusCode(200).extract()
                .path("access_token");
        given().auth().preemptive().basic(id, "wrong-secret").formParam("grant_type", "client_credentials")
                .post("/tenant/" + tenant + "/provider/auth/token").then().statusCode(401);

        List<TopicProbe.Message> events = await().atMost(Duration.ofSeconds(15)).until(
                () -> TopicProbe.messages("tenfold.audit.v1", m -> tenant.equals(m.key())),
                list -> list.stream().anyMatch(m -> m.text().contains("\"token-issued\"")));
        for (TopicProbe.Message event : events) {
            assertFalse(event.text().contains("audit-secret-xyz"), "no secret in the audit trail");
            assertFalse(event.text().contains(token), "no token in the audit trail");
        }
    }
}
