package io.tenfold.e2e;

import static io.restassured.RestAssured.given;
import static io.tenfold.e2e.RunningPlatform.operator;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one entry point: it routes by the route table, refuses what is not in it, and carries errors through. */
class RouterE2ETest {

    @BeforeAll
    static void platform() throws Exception {
        RunningPlatform.get();
    }

    @Test
    void unknownRoutesAre404OperationOutcomes() {
        given().get("/nothing/here").then().statusCode(404)
                .contentType(containsString("application/fhir+json"))
                .body("resourceType", equalTo("OperationOutcome"));
        given().get("/tenant/x/elsewhere").then().statusCode(404);
    }

    @Test
    void pathsClimbingOutOfTheirRouteAreRefused() {
        given().urlEncodingEnabled(false).get("/tenant/x/patient/smart-api/../../../Tenant").then().statusCode(400);
        given().urlEncodingEnabled(false).get("/tenant/x/patient/smart-api/%2e%2e/%2e%2e/Tenant").then()
                .statusCode(400);
        given().urlEncodingEnabled(false).get("/tenant/x%2Fy/patient/smart-api/metadata").then().statusCode(400);
    }

    @Test
    void operatorApiIsReachableAndGuarded() throws Exception {
        given().get("/Tenant").then().statusCode(401);
        operator().get("/Tenant").then().statusCode(200).body("resourceType", equalTo("Bundle"));
        operator().contentType("application/json").body("{\"resourceType\":\"Tenant\",").post("/Tenant").then()
                .statusCode(400).body("resourceType", equalTo("OperationOutcome"));
        given().get("/openapi").then().statusCode(200).body(containsString("/Tenant"));
    }

    @Test
    void unknownTenantIs404OnEveryServiceRoute() {
        for (String path : new String[] { "/tenant/nobody/patient/smart-api/metadata",
                "/tenant/nobody/provider/smart-api/metadata", "/tenant/nobody/patient/auth/jwks",
                "/tenant/nobody/provider/auth/jwks", "/tenant/nobody/patient/portal/",
                "/tenant/nobody/bulk-api/$export" }) {
            given().accept("application/json").get(path).then().statusCode(404)
                    .body("resourceType", equalTo("OperationOutcome"));
        }
    }
}
