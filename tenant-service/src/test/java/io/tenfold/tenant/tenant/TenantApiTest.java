package io.tenfold.tenant.tenant;

import static io.restassured.RestAssured.given;
import static io.tenfold.tenant.support.Operator.newTenantId;
import static io.tenfold.tenant.support.Operator.operator;
import static io.tenfold.tenant.support.Operator.tenantJson;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TenantApiTest {

    @Test
    void createReadUpdateDelete() {
        String id = newTenantId();
        operator().contentType("application/json").body(tenantJson(id, "My Clinic"))
                .post("/Tenant")
                .then().statusCode(201)
                .header("Location", equalTo("http://tenfold.test/Tenant/" + id))
                .header("ETag", equalTo("W/\"1\""))
                .body("resourceType", equalTo("Tenant"))
                .body("id", equalTo(id))
                .body("name", equalTo("My Clinic"))
                .body("meta.versionId", equalTo("1"))
                .body("meta.lastUpdated", notNullValue())
                .body("provisioning.services.auth-service", notNullValue());

        operator().get("/Tenant/" + id).then().statusCode(200).body("name", equalTo("My Clinic"));

        operator().contentType("application/json").body(tenantJson(id, "My Renamed Clinic"))
                .put("/Tenant/" + id)
                .then().statusCode(200)
                .body("name", equalTo("My Renamed Clinic"))
                .body("meta.versionId", equalTo("2"));

        operator().delete("/Tenant/" + id).then().statusCode(204);
        operator().get("/Tenant/" + id).then().statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("not-found"));
        operator().delete("/Tenant/" + id).then().statusCode(404);
    }

    @Test
    void putCreatesWhenAbsentAndTheIdMayComeFromThePath() {
        String id = newTenantId();
        operator().contentType("application/json").body("{\"resourceType\":\"Tenant\",\"name\":\"Path Clinic\"}")
                .put("/Tenant/" + id)
                .then().statusCode(201).body("id", equalTo(id));
        operator().contentType("application/json").body("{\"resourceType\":\"Tenant\",\"name\":\"Path Clinic\"}")
                .put("/Tenant/" + id)
                .then().statusCode(200).body("meta.versionId", equalTo("1"));
    }

    @Test
    void acceptsAndAnswersYaml() {
        String id = newTenantId();
        operator().contentType("text/yaml").accept("text/yaml")
                .body("resourceType: Tenant\nid: " + id + "\nname: Yaml Clinic\n")
                .post("/Tenant")
                .then().statusCode(201)
                .contentType(containsString("text/yaml"))
                .body(containsString("name: Yaml Clinic"));
        operator().get("/Tenant/" + id).then().statusCode(200).body("name", equalTo("Yaml Clinic"));
    }

    @Test
    void duplicateIdOnPostIsAConflict() {
        String id = newTenantId();
        operator().contentType("application/json").body(tenantJson(id, "First")).post("/Tenant")
                .then().statusCode(201);
        operator().contentType("application/json").body(tenantJson(id, "Second")).post("/Tenant")
                .then().statusCode(409)
                .body("issue[0].code", equalTo("conflict"))
                .body("issue[0].details.coding[0].code", equalTo("tenant-exists"));
        operator().get("/Tenant/" + id).then().body("name", equalTo("First"));
    }

    @Test
    void staleIfMatchIsRefusedAndChangesNothing() {
        String id = newTenantId();
        operator().contentType("application/json").body(tenantJson(id, "V1")).post("/Tenant").then().statusCode(201);
        operator().contentType("application/json").body(tenantJson(id, "V2")).header("If-Match", "W/\"1\"")
                .put("/Tenant/" + id).then().statusCode(200);
        operator().contentType("application/json").body(tenantJson(id, "V3")).header("If-Match", "W/\"1\"")
                .put("/Tenant/" + id).then().statusCode(412).body("resourceType", equalTo("OperationOutcome"));
        operator().header("If-Match", "W/\"1\"").delete("/Tenant/" + id).then().statusCode(412);
        operator().get("/Tenant/" + id).then().body("name", equalTo("V2"));
    }

    @Test
    void listsTenantsAPageAtATime() {
        String prefix = "page-" + newTenantId().substring(2);
        for (int i = 0; i < 3; i++) {
            operator().contentType("application/json").body(tenantJson(prefix + "-" + i, "Clinic " + i))
                    .post("/Tenant").then().statusCode(201);
        }
        operator().queryParam("_count", 2).get("/Tenant")
                .then().statusCode(200)
                .body("resourceType", equalTo("Bundle"))
                .body("type", equalTo("searchset"))
                .body("entry.size()", equalTo(2))
                .body("link.relation", hasItem("next"));
        int total = operator().get("/Tenant").then().extract().path("total");
        operator().queryParam("_count", 1000).get("/Tenant")
                .then().statusCode(200).body("entry.size()", equalTo(total))
                .body("entry.resource.id", hasItem(prefix + "-2"));
        operator().queryParam("_count", 0).get("/Tenant").then().statusCode(400);
        operator().queryParam("_count", 1001).get("/Tenant").then().statusCode(400);
        operator().queryParam("_page", "x").get("/Tenant").then().statusCode(400);
    }

    @Test
    void unknownTenantIsNotFoundWhateverItsShape() {
        operator().get("/Tenant/no-such-tenant").then().statusCode(404);
        operator().get("/Tenant/Not_A_Tenant").then().statusCode(404);
    }

    @Test
    void openApiDescribesTheOperatorApiAndSwaggerUiServesIt() {
        given().get("/openapi").then().statusCode(200).body(containsString("/Tenant"));
        given().get("/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void healthAndMetricsAreServed() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/started").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("kafka"))
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("tenfold_outbox_published"));
    }
}
