package io.tenfold.tenant.rpc;

import static io.restassured.RestAssured.given;
import static io.tenfold.tenant.support.Operator.operator;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The RPC endpoint's own checks. Minting itself is auth-service's (its tests, and the e2e tests where both
 * services run); here auth-service is not configured, which the endpoint reports as a 503.
 */
@QuarkusTest
class RpcTest {

    @Test
    void unknownMethodIs422() {
        operator().contentType("application/json").body("{\"method\":\"smart/delete-everything\",\"params\":{}}")
                .post("/rpc").then().statusCode(422)
                .body("issue[0].details.coding[0].code", equalTo("rpc-method-unknown"));
    }

    @Test
    void issThatIsNoTenantsFhirBaseIs422() {
        for (String iss : new String[] { "https://evil.example/fhir", "http://tenfold.test/tenant/x/patient/smart-api",
                "http://tenfold.test/tenant/my-clinic/other/smart-api", "" }) {
            operator().contentType("application/json")
                    .body("{\"method\":\"smart/get-launch-uri\",\"params\":{\"iss\":\"" + iss
                            + "\",\"client\":\"a\",\"user\":\"b\"}}")
                    .post("/rpc").then().statusCode(422).body("issue[0].expression[0]", equalTo("params.iss"));
        }
    }

    @Test
    void withoutAuthServiceTheAnswerIs503() {
        operator().contentType("text/yaml").body("method: aidbox.smart/get-launch-uri\nparams:\n  iss: "
                + "http://tenfold.test/tenant/my-clinic/provider/smart-api\n  client: app\n  user: dr\n")
                .post("/rpc").then().statusCode(503).body("issue[0].code", equalTo("transient"));
    }

    @Test
    void operatorsOnly() {
        given().contentType("application/json").body("{\"method\":\"smart/get-launch-uri\"}").post("/rpc").then()
                .statusCode(401);
        given().auth().oauth2("not.a.token").contentType("application/json")
                .body("{\"method\":\"smart/get-launch-uri\"}").post("/rpc").then().statusCode(401);
        given().auth().oauth2("not.a.token").get("/Tenant").then().statusCode(401);
    }

    @Test
    void malformedBodyIs400() {
        operator().contentType("application/json").body("{\"method\":").post("/rpc").then().statusCode(400);
    }
}
