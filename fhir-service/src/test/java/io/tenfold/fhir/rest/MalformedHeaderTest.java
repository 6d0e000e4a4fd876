package io.tenfold.fhir.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.fhir.support.TestTenants;
import io.tenfold.local.testing.TestTokens;

/** An Accept or Content-Type that is not a media type is a 400 OperationOutcome, never a 500. */
@QuarkusTest
class MalformedHeaderTest {

    @Test
    void aMalformedAcceptOrContentTypeIsA400AndAnEmptyAcceptAcceptsAnything() {
        String tenant = TestTenants.create("headers");
        String base = "/tenant/" + tenant + "/provider/smart-api";
        String token = TestTokens.provider(tenant, "user/*.cruds");
        for (String accept : new String[] {";;", "///", "application/fhir+json, ;;"}) {
            given().header("Accept", accept).get(base + "/metadata").then().statusCode(400)
                    .contentType("application/fhir+json")
                    .body("issue[0].details.coding[0].code", equalTo("media-type-malformed"))
                    .body("issue[0].diagnostics", containsString("Accept"));
        }
        given().auth().oauth2(token).header("Content-Type", "a/b/c").body("{\"resourceType\":\"Patient\"}".getBytes(StandardCharsets.UTF_8))
                .post(base + "/Patient").then().statusCode(400)
                .body("issue[0].details.coding[0].code", equalTo("media-type-malformed"));
        given().header("Accept", "").get(base + "/metadata").then().statusCode(200)
                .body("resourceType", equalTo("CapabilityStatement"));
    }
}
