package io.tenfold.auth.attack;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.ParseException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tenfold.auth.support.Registry;
import io.tenfold.auth.support.SmartApp;
import io.tenfold.auth.support.TestClients;
import io.tenfold.auth.support.TestKeys;
import io.tenfold.auth.support.TestUsers;
import io.tenfold.commons.event.UserState;
import io.tenfold.local.testing.TopicProbe;

/** Codes, refresh tokens and access tokens used the wrong way, each named after the attack. */
@QuarkusTest
class CodeAndTokenAttackTest {

    private static final String SCOPE = "openid fhirUser launch/patient patient/*.rs offline_access";

    private String tenant;
    private String clientId;
    private UserState user;
    private SmartApp app;

    @BeforeEach
    void setUp() {
        tenant = Registry.tenant("tok");
        clientId = TestClients.newId("app");
        Registry.client(TestClients.publicApp(tenant, clientId, "smart-app", null));
        Registry.allowPolicy(tenant, "Client/" + clientId);
        user = TestUsers.patient(tenant, "pt-7");
        Registry.user(user);
        app = new SmartApp(tenant, "patient", clientId);
    }

    private String code() {
        return SmartApp.callback(app.launch(SCOPE, user.email())).get("code");
    }

    @Test
    void codeReplayFailsAndRevokesTheTokensOfTheFirstUse() {
        String code = code();
        Response first = app.exchange(code, app.verifier);
        first.then().statusCode(200);
        app.exchange(code, app.verifier).then().statusCode(400).body("error", equalTo("invalid_grant"));
        app.introspect(first.path("access_token")).then().body("active", equalTo(false));
        app.refresh(first.path("refresh_token"), null).then().statusCode(400).body("error", equalTo("invalid_grant"));
        announcedRevoked(first.path("access_token"));
    }

    @Test
    void wrongPkceVerifierIsRefused() {
        app.exchange(code(), app.verifier.substring(1) + "x").then().statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void blankOrMissingPkceVerifierIsRefused() {
        app.exchange(code(), "").then().statusCode(400).body("error", equalTo("invalid_grant"));
        app.exchange(code(), null).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void codeExchangedWithAnotherRedirectUriIsRefused() {
        given().formParam("grant_type", "authorization_code").formParam("code", code())
                .formParam("redirect_uri", "https://evil.example.org/callback").formParam("client_id", clientId)
                .formParam("code_verifier", app.verifier).post(app.base() + "/token").then().statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void codeOfOneClientCannotBeExchangedByAnother() {
        String thief = TestClients.newId("app");
        Registry.client(TestClients.publicApp(tenant, thief, "smart-app", null));
        new SmartApp(tenant, "patient", thief).exchange(code(), app.verifier).then().statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void refreshTokenReuseAfterRotationRevokesTheFamily() {
        Response token = app.exchange(code(), app.verifier);
        String first = token.path("refresh_token");
        Response rotated = app.refresh(first, null);
        rotated.then().statusCode(200);
        app.refresh(first, null).then().statusCode(400).body("error", equalTo("invalid_grant"));
        app.refresh(rotated.path("refresh_token"), null).then().statusCode(400).body("error", equalTo("invalid_grant"));
        app.introspect(rotated.path("access_token")).then().body("active", equalTo(false));
    }

    @Test
    void refreshAskingForBroaderScopeIsInvalidScope() {
        String refresh = app.exchange(code(), app.verifier).path("refresh_token");
        app.refresh(refresh, "patient/*.cruds").then().statusCode(400).body("error", equalTo("invalid_scope"));
    }

    @Test
    void tokenOfTenantAIsWorthlessAtTenantB() {
        String token = app.exchange(code(), app.verifier).path("access_token");
        String other = Registry.tenant("tok-b");
        given().auth().oauth2(token).get("/tenant/" + other + "/patient/auth/userinfo").then().statusCode(401);
        given().auth().oauth2(token).get("/tenant/" + tenant + "/provider/auth/userinfo").then().statusCode(401);
    }

    @Test
    void idTokenUsedAsAccessTokenIsRefused() {
        String idToken = app.exchange(code(), app.verifier).path("id_token");
        given().auth().oauth2(idToken).get(app.base() + "/userinfo").then().statusCode(401);
        app.introspect(idToken).then().body("active", equalTo(false));
    }

    @Test
    void algNoneHs256UnknownKidExpiredAndFutureTokensAreRefused() throws Exception {
        Response issued = app.exchange(code(), app.verifier);
        JWTClaimsSet real = SignedJWT.parse(issued.path("access_token")).getJWTClaimsSet();
        String jwks = given().get(app.base() + "/jwks").asString();
        RSAKey published = (RSAKey) JWKSet.parse(jwks).getKeys().stream().filter(k -> k instanceof RSAKey)
                .findFirst().orElseThrow();

        String none = new PlainJWT(real).serialize();
        SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(published.getKeyID())
                .type(new JOSEObjectType("at+jwt")).build(), real);
        hs.sign(new MACSigner(published.toRSAPublicKey().getEncoded()));
        RSAKey attacker = TestKeys.rsa();
        String unknownKid = resign(attacker, UUID.randomUUID().toString(), real);
        String sameKidOtherKey = resign(attacker, published.getKeyID(), real);
        String expired = resign(attacker, published.getKeyID(), new JWTClaimsSet.Builder(real)
                .expirationTime(new Date(System.currentTimeMillis() - 60_000)).build());

        for (String forged : new String[] { none, hs.serialize(), unknownKid, sameKidOtherKey, expired }) {
            given().auth().oauth2(forged).get(app.base() + "/userinfo").then().statusCode(401);
            app.introspect(forged).then().statusCode(200).body("active", equalTo(false));
        }
    }

    @Test
    void revokedAccessTokenIsInactive() {
        String token = app.exchange(code(), app.verifier).path("access_token");
        given().formParam("token", token).formParam("client_id", clientId).post(app.base() + "/revoke").then()
                .statusCode(200);
        app.introspect(token).then().body("active", equalTo(false));
        given().auth().oauth2(token).get(app.base() + "/userinfo").then().statusCode(401);
        announcedRevoked(token);
    }

    /** The resource servers hear of the revocation: its jti and expiry on the revocations topic, no token. */
    private void announcedRevoked(String token) {
        String jti;
        try {
            jti = SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
        List<TopicProbe.Message> events = await().atMost(Duration.ofSeconds(15)).until(
                () -> TopicProbe.messages("tenfold.auth.tokens-revoked.v1", m -> tenant.equals(m.key())),
                list -> list.stream().anyMatch(m -> m.text().contains("\"" + jti + "\"")));
        for (TopicProbe.Message event : events) {
            assertTrue(event.text().contains("\"expiresAt\""), event.text());
            assertFalse(event.text().contains(token), "ids only, never the token");
        }
    }

    @Test
    void inactiveUserCannotLogInNorRefresh() {
        Response token = app.exchange(code(), app.verifier);
        Registry.user(TestUsers.deactivated(user));
        app.refresh(token.path("refresh_token"), null).then().statusCode(400).body("error", equalTo("invalid_grant"));
        SmartApp again = new SmartApp(tenant, "patient", clientId);
        Response page = again.login(again.follow(again.authorize(again.authorizeParams(SCOPE))), user.email(),
                TestUsers.PASSWORD);
        page.then().statusCode(200).body(containsString("cannot sign in here"));
    }

    private static String resign(RSAKey key, String kid, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid)
                .type(new JOSEObjectType("at+jwt")).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
