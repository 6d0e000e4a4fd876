package io.tenfold.auth.operator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.nimbusds.jwt.SignedJWT;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.auth.support.Registry;
import io.tenfold.auth.support.TestClients;
import io.tenfold.local.testing.SharedInfra;

/** Keys rotate on an operator's command; the previous key stays published so its tokens still verify. */
@QuarkusTest
class KeyRotationTest {

    @Test
    void rotationPublishesTheNewKeyBesideThePreviousOne() throws Exception {
        String tenant = Registry.tenant("rot");
        String id = TestClients.newId("backend");
        Registry.client(TestClients.backendWithSecret(tenant, id, "rot-secret-1", null));
        Registry.allowPolicy(tenant, "Client/" + id);
        String path = "/tenant/" + tenant + "/provider/auth";
        String before = token(path, id);
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

        String newKid = rotate(tenant);
        assertNotEquals(oldKid, newKid);
        List<String> kids = given().get(path + "/jwks").then().statusCode(200).body("keys.size()", equalTo(4))
                .extract().path("keys.kid");
        assertTrue(kids.containsAll(List.of(newKid, oldKid)), "new and previous access-token keys published");

        String after = token(path, id);
        assertEquals(newKid, SignedJWT.parse(after).getHeader().getKeyID(), "new tokens use the new key");
        given().auth().preemptive().basic(id, "rot-secret-1").formParam("token", before).post(path + "/introspect")
                .then().body("active", equalTo(true));

        rotate(tenant);
        given().get(path + "/jwks").then().body("keys.size()", equalTo(4)).body("keys.kid", hasItem(newKid));
        given().auth().preemptive().basic(id, "rot-secret-1").formParam("token", before).post(path + "/introspect")
                .then().body("active", equalTo(false));
        given().get("/tenant/" + tenant + "/patient/auth/jwks").then().body("keys.size()", equalTo(2));
    }

    private static String rotate(String tenant) {
        return given().auth().preemptive().basic("operator", SharedInfra.get().operatorSecret())
                .contentType("application/json").body("{\"tenant\":\"" + tenant + "\",\"audience\":\"provider\"}")
                .post("/auth/keys/rotate").then().statusCode(200).extract().path("ES256");
    }

    private static String token(String path, String id) {
        return given().auth().preemptive().basic(id, "rot-secret-1").formParam("grant_type", "client_credentials")
                .formParam("scope", "system/*.rs").post(path + "/token").then().statusCode(200).extract()
                .path("access_token");
    }
}
