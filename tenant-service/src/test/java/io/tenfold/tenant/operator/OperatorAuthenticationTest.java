package io.tenfold.tenant.operator;

import static io.restassured.RestAssured.given;
import static io.tenfold.tenant.support.Operator.newTenantId;
import static io.tenfold.tenant.support.Operator.operator;
import static io.tenfold.tenant.support.Operator.tenantJson;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.local.testing.SharedInfra;

@QuarkusTest
class OperatorAuthenticationTest {

    @Test
    void missingCredentialsGet401WithAChallenge() {
        given().get("/Tenant").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Basic"))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("login"));
    }

    @Test
    void wrongSecretGets401AndCreatesNothing() {
        String id = newTenantId();
        given().auth().preemptive().basic("operator", "wrong").contentType("application/json")
                .body(tenantJson(id, "Sneaky")).post("/Tenant")
                .then().statusCode(401);
        operator().get("/Tenant/" + id).then().statusCode(404);
    }

    @Test
    void wrongClientIdGets401() {
        given().auth().preemptive().basic("admin", SharedInfra.get().operatorSecret()).get("/Tenant")
                .then().statusCode(401);
    }

    @Test
    void malformedBasicHeaderGets401() {
        given().header("Authorization", "Basic %%%not-base64").get("/Tenant").then().statusCode(401);
        given().header("Authorization", "Bearer abc").get("/Tenant").then().statusCode(401);
    }
}
