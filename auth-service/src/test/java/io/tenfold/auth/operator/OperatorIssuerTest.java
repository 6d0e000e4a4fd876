package io.tenfold.auth.operator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.auth.support.Registry;
import io.tenfold.auth.support.TestClients;
import io.tenfold.commons.event.ClientState;
import io.tenfold.commons.security.PasswordHashing;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.local.testing.SharedInfra;

/** The operator issuer at /auth: operator clients get bearer tokens for the operator API. */
@QuarkusTest
class OperatorIssuerTest {

    @Test
    void bootstrapOperatorGetsAVerifiableToken() throws Exception {
        String token = given().auth().preemptive().basic("operator", SharedInfra.get().operatorSecret())
                .formParam("grant_type", "client_credentials").post("/auth/token").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer")).body("scope", equalTo("operator"))
                .extract().path("access_token");
        SignedJWT jwt = SignedJWT.parse(token);
        JWKSet jwks = JWKSet.parse(given().get("/auth/jwks").then().statusCode(200)
                .body("keys.size()", greaterThan(0)).extract().asString());
        assertTrue(jwt.verify(new ECDSAVerifier((ECKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID()))));
        assertEquals("http://tenfold.test/auth", jwt.getJWTClaimsSet().getIssuer());
        assertEquals(List.of("http://tenfold.test"), jwt.getJWTClaimsSet().getAudience());
        assertEquals("operator", jwt.getJWTClaimsSet().getSubject());
    }

    @Test
    void registeredOperatorClientGetsATokenOthersDoNot() {
        String id = TestClients.newId("ops");
        Registry.client(new ClientState(id, TenantId.GLOBAL, "operator", "Ops " + id, true,
                List.of("client_credentials"), List.of(), false, true, PasswordHashing.hash("ops-secret-1"), false,
                3600, 0, null, null, null, null, 1));
        given().auth().preemptive().basic(id, "ops-secret-1").formParam("grant_type", "client_credentials")
                .post("/auth/token").then().statusCode(200).body("scope", equalTo("operator"));
        given().auth().preemptive().basic(id, "wrong").formParam("grant_type", "client_credentials")
                .post("/auth/token").then().statusCode(401).body("error", equalTo("invalid_client"));
        given().auth().preemptive().basic("operator", "wrong").formParam("grant_type", "client_credentials")
                .post("/auth/token").then().statusCode(401).body("error", equalTo("invalid_client"));
        given().auth().preemptive().basic("operator", SharedInfra.get().operatorSecret())
                .formParam("grant_type", "password").post("/auth/token").then().statusCode(400)
                .body("error", equalTo("unsupported_grant_type"));
    }

    @Test
    void aTenantsBackendServiceIsNoOperator() {
        String tenant = Registry.tenant("ops");
        String id = TestClients.newId("backend");
        Registry.client(TestClients.backendWithSecret(tenant, id, "backend-secret-9", null));
        given().auth().preemptive().basic(id, "backend-secret-9").formParam("grant_type", "client_credentials")
                .post("/auth/token").then().statusCode(401).body("error", equalTo("invalid_client"));
    }
}
