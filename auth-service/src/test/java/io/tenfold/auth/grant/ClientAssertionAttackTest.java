package io.tenfold.auth.grant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Date;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.tenfold.auth.support.Registry;
import io.tenfold.auth.support.TestClients;
import io.tenfold.auth.support.TestKeys;

/** Forged, replayed and misdirected client assertions (private_key_jwt) are all {@code invalid_client}. */
@QuarkusTest
class ClientAssertionAttackTest {

    private String tenant;
    private String tokenUrl;
    private String clientId;
    private RSAKey key;

    @BeforeEach
    void registerBackendService() {
        tenant = Registry.tenant("assert");
        tokenUrl = "http://tenfold.test/tenant/" + tenant + "/provider/auth/token";
        clientId = TestClients.newId("backend");
        key = TestKeys.rsa();
        Registry.client(TestClients.backendWithKeys(tenant, clientId, TestKeys.publicJwks(key), "system/*.rs"));
        Registry.allowPolicy(tenant, "Client/" + clientId);
    }

    @Test
    void replayedAssertionIsRefused() {
        String assertion = TestKeys.sign(key, TestKeys.assertionClaims(clientId, tokenUrl).build());
        post(tenant, assertion).statusCode(200);
        post(tenant, assertion).statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void assertionForAnotherAudienceIsRefused() {
        post(tenant, TestKeys.sign(key, TestKeys.assertionClaims(clientId,
                "http://tenfold.test/tenant/" + tenant + "/patient/auth/token").build()))
                .statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void assertionAddressedToTheIssuerIsAcceptedAsRfc7523Allows() {
        post(tenant, TestKeys.sign(key, TestKeys.assertionClaims(clientId,
                "http://tenfold.test/tenant/" + tenant + "/provider/auth").build())).statusCode(200);
    }

    @Test
    void expiredAssertionIsRefused() {
        JWTClaimsSet claims = TestKeys.assertionClaims(clientId, tokenUrl)
                .expirationTime(new Date(System.currentTimeMillis() - 120_000)).build();
        post(tenant, TestKeys.sign(key, claims)).statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void assertionValidForTooLongIsRefused() {
        JWTClaimsSet claims = TestKeys.assertionClaims(clientId, tokenUrl)
                .expirationTime(new Date(System.currentTimeMillis() + 3_600_000)).build();
        post(tenant, TestKeys.sign(key, claims)).statusCode(401);
    }

    @Test
    void assertionWithoutJtiIsRefused() {
        post(tenant, TestKeys.sign(key, TestKeys.assertionClaims(clientId, tokenUrl).jwtID(null).build()))
                .statusCode(401);
    }

    @Test
    void unsignedAlgNoneAssertionIsRefused() {
        post(tenant, TestKeys.unsigned(TestKeys.assertionClaims(clientId, tokenUrl).build())).statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void hs256SignedWithThePublicKeyIsRefused() throws Exception {
        byte[] publicKeyBytes = key.toRSAPublicKey().getEncoded();
        post(tenant, TestKeys.hmacWith(publicKeyBytes, TestKeys.assertionClaims(clientId, tokenUrl).build()))
                .statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void assertionSignedWithAnUnregisteredKeyIsRefused() {
        post(tenant, TestKeys.sign(TestKeys.rsa(), TestKeys.assertionClaims(clientId, tokenUrl).build()))
                .statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void issuerOtherThanSubjectIsRefused() {
        post(tenant, TestKeys.sign(key, TestKeys.assertionClaims(clientId, tokenUrl).subject("someone-else").build()))
                .statusCode(401);
    }

    @Test
    void clientOfTenantAIsUnknownAtTenantB() {
        String other = Registry.tenant("assert-b");
        String otherUrl = "http://tenfold.test/tenant/" + other + "/provider/auth/token";
        post(other, TestKeys.sign(key, TestKeys.assertionClaims(clientId, otherUrl).build())).statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void deletedClientGetsNoMoreTokens() {
        Registry.deleteClient(tenant, clientId);
        post(tenant, TestKeys.sign(key, TestKeys.assertionClaims(clientId, tokenUrl).build())).statusCode(401);
    }

    private static ValidatableResponse post(String tenantId, String assertion) {
        return given().formParam("grant_type", "client_credentials").formParam("scope", "system/*.rs")
                .formParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .formParam("client_assertion", assertion)
                .post("/tenant/" + tenantId + "/provider/auth/token").then();
    }
}
