package io.tenfold.auth.grant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.tenfold.auth.support.Registry;
import io.tenfold.auth.support.TestClients;
import io.tenfold.auth.support.TestKeys;

/** SMART Backend Services against a tenant's provider authorization server. */
@QuarkusTest
class ClientCredentialsTest {

    private String tenant;
    private String tokenUrl;

    @BeforeEach
    void tenant() {
        tenant = Registry.tenant("cc");
        tokenUrl = "http://tenfold.test/tenant/" + tenant + "/provider/auth/token";
    }

    private String path() {
        return URI.create(tokenUrl).getPath();
    }

    @Test
    void secretBasicGetsASignedSystemToken() throws Exception {
        String id = TestClients.newId("backend");
        Registry.client(TestClients.backendWithSecret(tenant, id, "s3cret-value-1", "system/*.rs"));
        Registry.allowPolicy(tenant, "Client/" + id);

        String token = given().auth().preemptive().basic(id, "s3cret-value-1")
                .formParam("grant_type", "client_credentials").formParam("scope", "system/Patient.rs")
                .post(path()).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("scope", equalTo("system/Patient.rs"))
                .body("expires_in", equalTo(300))
                .extract().path("access_token");

        SignedJWT jwt = SignedJWT.parse(token);
        assertEquals(new JOSEObjectType("at+jwt"), jwt.getHeader().getType());
        JWKSet jwks = JWKSet.parse(given().get("/tenant/" + tenant + "/provider/auth/jwks").asString());
        ECKey key = (ECKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertEquals(JWSAlgorithm.ES256, jwt.getHeader().getAlgorithm());
        assertTrue(jwt.verify(new ECDSAVerifier(key)), "signed with the published key");
        assertEquals("http://tenfold.test/tenant/" + tenant + "/provider/auth", jwt.getJWTClaimsSet().getIssuer());
        assertEquals(List.of("http://tenfold.test/tenant/" + tenant + "/provider/smart-api"),
                jwt.getJWTClaimsSet().getAudience());
        assertEquals(id, jwt.getJWTClaimsSet().getSubject());
        assertEquals(id, jwt.getJWTClaimsSet().getStringClaim("client_id"));
        assertTrue(jwt.getJWTClaimsSet().getExpirationTime().toInstant().isAfter(Instant.now()));
    }

    @Test
    void aMalformedContentTypeOrAcceptIsAnOAuthInvalidRequest() {
        given().header("Content-Type", ";;").body("grant_type=client_credentials".getBytes(StandardCharsets.UTF_8)).post(path()).then()
                .statusCode(400).body("error", equalTo("invalid_request"));
        given().header("Accept", "///").get("/tenant/" + tenant + "/provider/auth/jwks").then()
                .statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void secretPostWorksToo() {
        String id = TestClients.newId("backend");
        Registry.client(TestClients.backendWithSecret(tenant, id, "post-secret-22", null));
        Registry.allowPolicy(tenant, "Client/" + id);
        given().formParam("grant_type", "client_credentials").formParam("client_id", id)
                .formParam("client_secret", "post-secret-22").formParam("scope", "system/*.read")
                .post(path()).then().statusCode(200).body("scope", equalTo("system/*.read"));
    }

    @Test
    void privateKeyJwtWithRs384AndEs384() {
        RSAKey rsa = TestKeys.rsa();
        ECKey ec = TestKeys.ec();
        String id = TestClients.newId("backend");
        Registry.client(TestClients.backendWithKeys(tenant, id, TestKeys.publicJwks(rsa, ec), "system/*.rs"));
        Registry.allowPolicy(tenant, "Client/" + id);
        for (var key : List.of(rsa, ec)) {
            assertion(id, TestKeys.sign(key, TestKeys.assertionClaims(id, tokenUrl).build()), "system/*.rs")
                    .statusCode(200).body("scope", equalTo("system/*.rs"));
        }
    }

    @Test
    void grantIsCutDownToTheClientsMaximumAndNonSystemScopesAreDropped() {
        String id = TestClients.newId("backend");
        Registry.client(TestClients.backendWithSecret(tenant, id, "max-secret-33", "system/Observation.rs"));
        Registry.allowPolicy(tenant, "Client/" + id);
        given().auth().preemptive().basic(id, "max-secret-33").formParam("grant_type", "client_credentials")
                .formParam("scope", "system/*.cruds patient/*.rs openid").post(path()).then().statusCode(200)
                .body("scope", equalTo("system/Observation.rs"));
        given().auth().preemptive().basic(id, "max-secret-33").formParam("grant_type", "client_credentials")
                .formParam("scope", "user/*.rs").post(path()).then().statusCode(400)
                .body("error", equalTo("invalid_scope"));
    }

    @Test
    void clientThatNoPolicyLinksGetsNoToken() {
        String id = TestClients.newId("backend");
        Registry.client(TestClients.backendWithSecret(tenant, id, "lonely-secret-4", null));
        given().auth().preemptive().basic(id, "lonely-secret-4").formParam("grant_type", "client_credentials")
                .formParam("scope", "system/*.rs").post(path()).then().statusCode(400)
                .body("error", equalTo("unauthorized_client"));
    }

    @Test
    void patientAuthorizationServerRefusesBackendServices() {
        String id = TestClients.newId("backend");
        Registry.client(TestClients.backendWithSecret(tenant, id, "aud-secret-555", null));
        Registry.allowPolicy(tenant, "Client/" + id);
        given().auth().preemptive().basic(id, "aud-secret-555").formParam("grant_type", "client_credentials")
                .formParam("scope", "system/*.rs").post("/tenant/" + tenant + "/patient/auth/token").then()
                .statusCode(400).body("error", equalTo("unauthorized_client"));
    }

    @Test
    void malformedRequestsGetOAuthErrors() {
        given().contentType("application/json").body("{\"grant_type\":\"client_credentials\"}").post(path())
                .then().statusCode(400).body("error", equalTo("invalid_request"));
        given().formParam("scope", "system/*.rs").post(path()).then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        given().formParam("grant_type", "password").post(path()).then().statusCode(400)
                .body("error", equalTo("unsupported_grant_type"));
        given().formParam("grant_type", "client_credentials").formParam("grant_type", "client_credentials")
                .post(path()).then().statusCode(400).body("error", equalTo("invalid_request"));
        given().formParam("grant_type", "client_credentials").post("/tenant/nobody/provider/auth/token").then()
                .statusCode(404);
    }

    private ValidatableResponse assertion(String clientId, String assertion, String scope) {
        return given().formParam("grant_type", "client_credentials").formParam("scope", scope)
                .formParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .formParam("client_assertion", assertion).post(path()).then();
    }

    @Test
    void wrongSecretIs401WithAChallenge() {
        String id = TestClients.newId("backend");
        Registry.client(TestClients.backendWithSecret(tenant, id, "right-secret-6", null));
        Registry.allowPolicy(tenant, "Client/" + id);
        given().auth().preemptive().basic(id, "wrong-secret-6").formParam("grant_type", "client_credentials")
                .formParam("scope", "system/*.rs").post(path()).then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Basic"))
                .body("error", equalTo("invalid_client"));
        // U+0000 in a client id (which PostgreSQL cannot compare) is an unknown client, not a failure
        given().formParam("grant_type", "client_credentials").formParam("client_id", id + "\u0000")
                .formParam("client_secret", "right-secret-6").formParam("scope", "system/*.rs").post(path()).then()
                .statusCode(401).body("error", equalTo("invalid_client"));
    }
}
