package io.tenfold.fhir.crud;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.tenfold.fhir.support.TestTenants;
import io.tenfold.local.testing.Db;
import io.tenfold.local.testing.TestTokens;

/**
 * U+0000 can be written in JSON ({@code \u0000}) and in a URL ({@code %00}), but PostgreSQL stores it in no text or
 * jsonb value: every way in is a 400 (or the 404 of an id no resource can have), never a 500, and nothing is
 * written.
 */
@QuarkusTest
class UnstorableCharacterTest {

    static String tenant;
    static String api;

    @BeforeEach
    void tenant() {
        if (tenant != null) {
            return;
        }
        tenant = TestTenants.create("nul");
        api = "/tenant/" + tenant + "/provider/smart-api";
    }

    static RequestSpecification provider() {
        return given().auth().oauth2(TestTokens.provider(tenant, "user/*.cruds")).contentType("application/fhir+json")
                .urlEncodingEnabled(false);
    }

    static long stored() {
        return Db.count("SELECT count(*) FROM fhir.resource_versions WHERE tenant_id = ?", tenant);
    }

    static final String NUL_FAMILY = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"a\\u0000b\"}]}";

    @Test
    void aResourceHoldingTheCharacterIsRefusedOnEveryWrite() {
        String id = provider().body("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Plain\"}]}")
                .post(api + "/Patient").then().statusCode(201).extract().path("id");
        long before = stored();
        provider().body(NUL_FAMILY).post(api + "/Patient").then().statusCode(400)
                .body("issue[0].details.coding[0].code", equalTo("character-invalid"))
                .body("issue[0].diagnostics", containsString("U+0000"));
        provider().body("{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"name\":[{\"family\":\"a\\u0000\"}]}")
                .put(api + "/Patient/" + id).then().statusCode(400);
        provider().contentType("application/json-patch+json")
                .body("[{\"op\":\"add\",\"path\":\"/gender\",\"value\":\"\\u0000\"}]")
                .patch(api + "/Patient/" + id).then().statusCode(400);
        provider().body("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":" + NUL_FAMILY
                + ",\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}]}").post(api).then().statusCode(400);
        provider().body("{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[{\"resource\":" + NUL_FAMILY
                + ",\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}]}").post(api).then().statusCode(200)
                .body("entry[0].response.status", equalTo("400 Bad Request"));
        assertEquals(before, stored());
    }

    @Test
    void aBackslashFollowedByTheTextU0000IsPlainText() {
        String id = provider().body("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"a\\\\u0000b\"}]}")
                .post(api + "/Patient").then().statusCode(201).extract().path("id");
        provider().get(api + "/Patient/" + id).then().statusCode(200)
                .body("name[0].family", equalTo("a\\u0000b"));
    }

    @Test
    void searchesAndConditionsHoldingTheCharacterAreRefused() {
        long before = stored();
        provider().get(api + "/Patient?name=a%00").then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"));
        provider().get(api + "/Patient?_id=%00").then().statusCode(400);
        provider().get(api + "/Patient?na%00me=a").then().statusCode(400);
        provider().header("If-None-Exist", "name=a%00").body("{\"resourceType\":\"Patient\"}").post(api + "/Patient")
                .then().statusCode(400);
        provider().body("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"request\":{\"method\":"
                + "\"GET\",\"url\":\"Patient?name=a%00\"}}]}").post(api).then().statusCode(400);
        String cursor = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("k\u001f1\u001f=a\u0000".getBytes(StandardCharsets.UTF_8));
        provider().get(api + "/Patient?_sort=family&_page=" + cursor).then().statusCode(400);
        assertEquals(before, stored());
    }

    @Test
    void anIdHoldingTheCharacterIsAnsweredAsAMissingOne() {
        provider().get(api + "/Patient/a%00").then().statusCode(404).body("resourceType", equalTo("OperationOutcome"));
        provider().get(api + "/Patient/a%00/_history/1").then().statusCode(404);
        for (String path : new String[] {"/Patient/%s/_history", "/Patient/%s/$everything"}) {
            int missing = provider().get(api + path.formatted("no-such-patient")).statusCode();
            provider().get(api + path.formatted("a%00")).then().statusCode(missing);
        }
        int missing = provider().delete(api + "/Patient/no-such-patient").statusCode();
        provider().delete(api + "/Patient/a%00").then().statusCode(missing);
    }
}
