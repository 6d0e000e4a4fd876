package io.tenfold.fhir.security;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.tenfold.commons.event.AccessPolicyState;
import io.tenfold.commons.event.EventCodec;
import io.tenfold.commons.event.EventEnvelope;
import io.tenfold.commons.event.TokensRevoked;
import io.tenfold.commons.event.Topics;
import io.tenfold.fhir.support.TestTenants;
import io.tenfold.local.testing.TenantEvents;
import io.tenfold.local.testing.TestAuthServer;
import io.tenfold.local.testing.TestTokens;

/** Every token the FHIR API must not accept, each refused with a 401 (or 403) OperationOutcome. */
@QuarkusTest
class TokenRefusalTest {

    static String tenantA;
    static String tenantB;
    static String patientId;

    @BeforeEach
    void tenants() {
        if (tenantA != null) {
            return;
        }
        tenantA = TestTenants.create("tok-a");
        tenantB = TestTenants.create("tok-b");
        patientId = given().auth().oauth2(TestTokens.provider(tenantA, "user/*.cruds"))
                .contentType("application/fhir+json").body("{\"resourceType\":\"Patient\"}")
                .post(api(tenantA, "provider") + "/Patient").then().statusCode(201).extract().path("id");
    }

    static String api(String tenant, String audience) {
        return "/tenant/" + tenant + "/" + audience + "/smart-api";
    }

    static ValidatableResponse readWith(String token, String tenant, String audience) {
        return given().auth().oauth2(token).get(api(tenant, audience) + "/Patient/" + patientId).then();
    }

    static void refused(ValidatableResponse response) {
        response.statusCode(401).contentType(containsString("application/fhir+json"))
                .body("resourceType", equalTo("OperationOutcome"))
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void aValidTokenReads() {
        readWith(TestTokens.provider(tenantA, "user/Patient.read"), tenantA, "provider").statusCode(200);
    }

    @Test
    void aTokenRevokedAtTheAuthorizationServerIsRefusedBeforeItExpires() {
        String jti = "revoked-" + UUID.randomUUID();
        String token = TestTokens.token(tenantA, "provider", "user/*.cruds", c -> c.setJwtId(jti), h -> { });
        readWith(token, tenantA, "provider").statusCode(200); // verified once, and remembered
        TokensRevoked revoked = new TokensRevoked(tenantA,
                List.of(new TokensRevoked.Token(jti, Instant.now().plusSeconds(300))));
        TenantEvents.publish(Topics.TOKENS_REVOKED, tenantA, tenantA, TokensRevoked.TYPE, EventCodec.encode(
                EventEnvelope.of(TokensRevoked.TYPE, tenantA, null, revoked)).getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> refused(readWith(token, tenantA, "provider")));
        readWith(TestTokens.provider(tenantA, "user/*.cruds"), tenantA, "provider").statusCode(200);
    }

    @Test
    void noTokenIs401WithAChallenge() {
        refused(given().get(api(tenantA, "provider") + "/Patient/" + patientId).then());
    }

    @Test
    void tokenOfAnotherTenantIsRefused() {
        refused(readWith(TestTokens.provider(tenantB, "user/*.cruds"), tenantA, "provider"));
    }

    @Test
    void tokenSignedWithAnotherTenantsKeyIsRefused() {
        String forged = TestTokens.token(tenantA, "provider", "user/*.cruds", c -> { }, h -> {
            var other = TestAuthServer.get().key(tenantB, "provider");
            h.setKey(other.getPrivateKey());
        });
        refused(readWith(forged, tenantA, "provider"));
    }

    @Test
    void patientAudienceTokenAtTheProviderApiIsRefused() {
        refused(readWith(TestTokens.patient(tenantA, patientId, "patient/*.read"), tenantA, "provider"));
    }

    @Test
    void providerTokenAtThePatientApiIsRefused() {
        refused(readWith(TestTokens.provider(tenantA, "user/*.cruds"), tenantA, "patient"));
    }

    @Test
    void algNoneIsRefused() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}");
        String valid = TestTokens.provider(tenantA, "user/*.cruds");
        String payload = valid.split("\\.")[1];
        refused(readWith(header + "." + payload + ".", tenantA, "provider"));
    }

    @Test
    void hs256SignedWithThePublicKeyIsRefused() {
        var key = TestAuthServer.get().key(tenantA, "provider");
        String forged = TestTokens.token(tenantA, "provider", "user/*.cruds", c -> { }, h -> {
            h.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            h.setKey(new HmacKey(key.toJson().getBytes(StandardCharsets.UTF_8)));
            h.setDoKeyValidation(false);
        });
        refused(readWith(forged, tenantA, "provider"));
    }

    @Test
    void unknownKidIsRefused() {
        refused(readWith(TestTokens.token(tenantA, "provider", "user/*.cruds", c -> { },
                h -> h.setKeyIdHeaderValue("no-such-key")), tenantA, "provider"));
    }

    @Test
    void expiredTokenIsRefused() {
        refused(readWith(TestTokens.token(tenantA, "provider", "user/*.cruds",
                c -> c.setExpirationTimeMinutesInTheFuture(-5), h -> { }), tenantA, "provider"));
    }

    @Test
    void tokenNotYetValidIsRefused() {
        refused(readWith(TestTokens.token(tenantA, "provider", "user/*.cruds",
                c -> c.setNotBeforeMinutesInThePast(-10), h -> { }), tenantA, "provider"));
    }

    @Test
    void idTokenUsedAsAccessTokenIsRefused() {
        refused(readWith(TestTokens.token(tenantA, "provider", "user/*.cruds", c -> { },
                h -> h.setHeader("typ", "JWT")), tenantA, "provider"));
    }

    @Test
    void wrongAudienceIsRefused() {
        refused(readWith(TestTokens.token(tenantA, "provider", "user/*.cruds",
                c -> c.setAudience("http://tenfold.test/tenant/" + tenantA + "/patient/smart-api"), h -> { }),
                tenantA, "provider"));
    }

    @Test
    void garbageIsRefused() {
        refused(readWith("not-a-jwt", tenantA, "provider"));
        refused(readWith("a.b.c", tenantA, "provider"));
    }

    @Test
    void aScopeThatDoesNotCoverTheInteractionIs403() {
        readWith(TestTokens.provider(tenantA, "user/Observation.read"), tenantA, "provider").statusCode(403)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("forbidden"));
        given().auth().oauth2(TestTokens.provider(tenantA, "user/Patient.read")).contentType("application/fhir+json")
                .body("{\"resourceType\":\"Patient\"}").post(api(tenantA, "provider") + "/Patient").then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.provider(tenantA, "user/Patient.rs")).contentType("application/fhir+json")
                .body("{\"resourceType\":\"Patient\"}").post(api(tenantA, "provider") + "/Patient").then()
                .statusCode(403);
    }

    @Test
    void aClientNoPolicyLetsInIs403() {
        String token = TestTokens.token(tenantA, "provider", "user/*.cruds", c -> c.setClaim("client_id", "stranger"),
                h -> { });
        readWith(token, tenantA, "provider").statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("access-policy-denied"));
    }

    @Test
    void aRulesPolicyDenyWins() {
        TestTenants.policy(tenantA, new AccessPolicyState("deny-delete", tenantA, "rules",
                List.of(new AccessPolicyState.Link("Client", "app")),
                List.of(new AccessPolicyState.Rule(List.of("Patient"), List.of("delete"), "Deny")), 1));
        given().auth().oauth2(TestTokens.provider(tenantA, "user/*.cruds"))
                .delete(api(tenantA, "provider") + "/Patient/" + patientId).then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("access-policy-denied"));
        readWith(TestTokens.provider(tenantA, "user/*.cruds"), tenantA, "provider").statusCode(200);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
