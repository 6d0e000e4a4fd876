package io.tenfold.tenant.user;

import static io.restassured.RestAssured.given;
import static io.tenfold.tenant.support.Operator.operator;
import static io.tenfold.tenant.support.Registry.newEmail;
import static io.tenfold.tenant.support.Registry.newId;
import static io.tenfold.tenant.support.Registry.newPatient;
import static io.tenfold.tenant.support.Registry.newTenant;
import static io.tenfold.tenant.support.Registry.operatorUserJson;
import static io.tenfold.tenant.support.Registry.patientJson;
import static io.tenfold.tenant.support.Registry.post;
import static io.tenfold.tenant.support.Registry.providerJson;
import static io.tenfold.tenant.support.Registry.put;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.tenant.support.Json;
import io.tenfold.tenant.support.Rows;

@QuarkusTest
class UserApiTest {

    @Test
    void createReadReplaceDelete() {
        String tenant = newTenant();
        String id = newId("u");
        String email = newEmail();
        put("/User/" + id, patientJson(tenant, id, email, "correct horse")).statusCode(201)
                .header("Location", equalTo("http://tenfold.test/User/" + id))
                .header("ETag", equalTo("W/\"1\""))
                .body("resourceType", equalTo("User"))
                .body("id", equalTo(id))
                .body("email", equalTo(email))
                .body("name.givenName", equalTo("Pat"))
                .body("active", equalTo(true))
                .body("roles[0].type", equalTo("patient"))
                .body("fhirUser.resourceType", equalTo("Patient"))
                .body("meta.tenant.resourceType", equalTo("Tenant"))
                .body("meta.tenant.id", equalTo(tenant))
                .body("meta.versionId", equalTo("1"))
                .body("meta.lastUpdated", notNullValue())
                .body("$", not(hasKey("password")));

        operator().get("/User/" + id).then().statusCode(200).header("ETag", equalTo("W/\"1\""))
                .body("email", equalTo(email));

        String replaced = Json.with(patientJson(tenant, id, email, null), "/active", "false");
        put("/User/" + id, replaced).statusCode(200).body("active", equalTo(false))
                .body("meta.versionId", equalTo("2"));
        put("/User/" + id, replaced).statusCode(200).body("meta.versionId", equalTo("2"));

        operator().delete("/User/" + id).then().statusCode(204);
        operator().get("/User/" + id).then().statusCode(404)
                .body("issue[0].details.coding[0].code", equalTo("user-not-found"));
        operator().delete("/User/" + id).then().statusCode(404);
    }

    @Test
    void postGeneratesAUuidWhenTheBodyHasNoId() {
        String tenant = newTenant();
        String id = post("/User", patientJson(tenant, null, newEmail(), null)).statusCode(201)
                .body("id", matchesPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"))
                .extract().path("id");
        operator().get("/User/" + id).then().statusCode(200);
        post("/User", patientJson(tenant, id, newEmail(), null)).statusCode(409)
                .body("issue[0].details.coding[0].code", equalTo("user-exists"));
    }

    @Test
    void acceptsAndAnswersYamlAndTheShortTenantForm() {
        String tenant = newTenant();
        String id = newId("u");
        String yaml = "resourceType: User\nid: " + id + "\ntenant: {resourceType: Tenant, id: " + tenant + "}\n"
                + "email: doc@example.org\nroles:\n- type: provider\n"
                + "fhirUser: {resourceType: Practitioner, id: pr-7}\n";
        operator().contentType("text/yaml").accept("text/yaml").body(yaml).put("/User/" + id)
                .then().statusCode(201)
                .contentType(containsString("text/yaml"))
                .body(containsString("email: doc@example.org"))
                .body(containsString("tenant:"));
        operator().get("/User/" + id).then().body("meta.tenant.id", equalTo(tenant))
                .body("fhirUser.id", equalTo("pr-7"));
    }

    @Test
    void operatorsAreGlobal() {
        String id = newId("op");
        put("/User/" + id, operatorUserJson(id, newEmail(), "operator-password")).statusCode(201)
                .body("meta.tenant", nullValue())
                .body("roles[0].type", equalTo("operator"));
        assertEquals("_global", Rows.text("SELECT tenant_id FROM tenant.users WHERE id = ?", id));
        operator().queryParam("tenant", "_global").get("/User").then().statusCode(200)
                .body("entry.resource.id", hasItem(id));
    }

    @Test
    void aPutWithoutPasswordKeepsItAndNullRemovesIt() {
        String tenant = newTenant();
        String id = newId("u");
        String email = newEmail();
        put("/User/" + id, patientJson(tenant, id, email, "first password")).statusCode(201);
        String hash = Rows.text("SELECT password_hash FROM tenant.users WHERE id = ?", id);

        put("/User/" + id, Json.with(patientJson(tenant, id, email, null), "/name/givenName",
                "\"Patricia\"")).statusCode(200);
        assertEquals(hash, Rows.text("SELECT password_hash FROM tenant.users WHERE id = ?", id), "kept");

        put("/User/" + id, patientJson(tenant, id, email, "second password")).statusCode(200)
                .body("meta.versionId", equalTo("3"));
        assertNotEquals(hash, Rows.text("SELECT password_hash FROM tenant.users WHERE id = ?", id), "replaced");

        put("/User/" + id, Json.with(patientJson(tenant, id, email, null), "/password", "null")).statusCode(200);
        assertNull(Rows.text("SELECT password_hash FROM tenant.users WHERE id = ?", id), "removed");
    }

    @Test
    void staleIfMatchIsRefused() {
        String tenant = newTenant();
        String id = newId("u");
        String email = newEmail();
        put("/User/" + id, patientJson(tenant, id, email, null)).statusCode(201);
        operator().contentType("application/json").header("If-Match", "W/\"1\"")
                .body(Json.with(patientJson(tenant, id, email, null), "/active", "false")).put("/User/" + id)
                .then().statusCode(200);
        operator().contentType("application/json").header("If-Match", "W/\"1\"")
                .body(patientJson(tenant, id, email, null)).put("/User/" + id)
                .then().statusCode(412);
        operator().header("If-Match", "W/\"1\"").delete("/User/" + id).then().statusCode(412);
        String absent = newId("absent");
        operator().contentType("application/json").header("If-Match", "W/\"1\"")
                .body(patientJson(tenant, absent, newEmail(), null)).put("/User/" + absent)
                .then().statusCode(412);
        operator().get("/User/" + absent).then().statusCode(404);
        operator().get("/User/" + id).then().body("active", equalTo(false));
    }

    @Test
    void emailIsUniquePerTenantInAnyCaseButMayRepeatAcrossTenants() {
        String a = newTenant();
        String b = newTenant();
        String email = newEmail();
        post("/User", patientJson(a, newId("u"), email, null)).statusCode(201);
        post("/User", patientJson(a, newId("u"), email.toUpperCase(), null)).statusCode(409)
                .body("issue[0].details.coding[0].code", equalTo("email-exists"))
                .body("issue[0].expression[0]", equalTo("User.email"));
        post("/User", patientJson(b, newId("u"), email, null)).statusCode(201);
        assertEquals(2, io.tenfold.local.testing.Db.count(
                "SELECT count(*) FROM tenant.users WHERE lower(email) = lower(?)", email));
    }

    @Test
    void aUserCannotMoveToAnotherTenant() {
        String a = newTenant();
        String b = newTenant();
        String id = newPatient(a);
        put("/User/" + id, patientJson(b, id, newEmail(), null)).statusCode(409)
                .body("issue[0].details.coding[0].code", equalTo("user-exists"));
        operator().get("/User/" + id).then().body("meta.tenant.id", equalTo(a));
    }

    @Test
    void searchesByTenantAndEmailAPageAtATime() {
        String tenant = newTenant();
        String email = newEmail();
        post("/User", patientJson(tenant, newId("u"), email, null)).statusCode(201);
        for (int i = 0; i < 2; i++) {
            post("/User", providerJson(tenant, newId("p"), newEmail())).statusCode(201);
        }
        operator().queryParam("tenant", tenant).get("/User").then().statusCode(200)
                .body("resourceType", equalTo("Bundle"))
                .body("type", equalTo("searchset"))
                .body("total", equalTo(3))
                .body("entry.size()", equalTo(3))
                .body("entry[0].fullUrl", containsString("http://tenfold.test/User/"));
        operator().queryParam("tenant", tenant).queryParam("_count", 2).get("/User").then()
                .body("entry.size()", equalTo(2))
                .body("link.find { it.relation == 'next' }.url",
                        equalTo("http://tenfold.test/User?tenant=" + tenant + "&_count=2&_page=2"));
        operator().queryParam("tenant", tenant).queryParam("_count", 2).queryParam("_page", 2).get("/User").then()
                .body("entry.size()", equalTo(1))
                .body("link.relation", hasItem("previous"));
        operator().queryParam("tenant", tenant).queryParam("email", email.toUpperCase()).get("/User").then()
                .body("total", equalTo(1))
                .body("entry[0].resource.email", equalTo(email));
        operator().queryParam("email", email).get("/User").then().body("total", equalTo(1));
        operator().queryParam("tenant", "Not A Tenant").get("/User").then().statusCode(400);
        operator().queryParam("_count", 0).get("/User").then().statusCode(400);
    }

    @Test
    void openApiDescribesTheRegistry() {
        given().get("/openapi").then().statusCode(200)
                .body(containsString("/User/{id}"))
                .body(containsString("/User/$invite"))
                .body(containsString("/User/$accept-invite"))
                .body(containsString("/Client/{id}"))
                .body(containsString("/AccessPolicy/{id}"));
    }

    @Test
    void anIdThatCannotExistIsNotFound() {
        operator().get("/User/no-such-user").then().statusCode(404);
        operator().get("/User/not_a_fhir_id").then().statusCode(404);
        operator().delete("/User/" + "x".repeat(65)).then().statusCode(404);
    }
}
