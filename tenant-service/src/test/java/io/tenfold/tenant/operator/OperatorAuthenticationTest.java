package io.tenfold.tenant.operator;

import static io.restassured.RestAssured.given;
import static io.tenfold.tenant.support.Operator.newTenantId;
import static io.tenfold.tenant.support.Operator.operator;
import static io.tenfold.tenant.support.Operator.tenantJson;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /** Every operator endpoint of the registry, without credentials: refused before anything is read. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({ "GET, /User", "POST, /User", "GET, /User/any", "PUT, /User/any", "DELETE, /User/any",
            "POST, /User/$invite", "GET, /Client", "GET, /Client/any", "PUT, /Client/any", "DELETE, /Client/any",
            "GET, /AccessPolicy", "GET, /AccessPolicy/any", "PUT, /AccessPolicy/any", "DELETE, /AccessPolicy/any" })
    void everyRegistryEndpointNeedsOperatorCredentials(String method, String path) {
        given().urlEncodingEnabled(false).contentType("application/json").body("{}").request(method, path)
                .then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Basic"));
        given().urlEncodingEnabled(false).auth().preemptive().basic("operator", "wrong")
                .contentType("application/json").body("{}").request(method, path)
                .then().statusCode(401);
    }

    @Test
    void malformedBasicHeaderGets401() {
        given().header("Authorization", "Basic %%%not-base64").get("/Tenant").then().statusCode(401);
        given().header("Authorization", "Bearer abc").get("/Tenant").then().statusCode(401);
    }
}
