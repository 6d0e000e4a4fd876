package io.tenfold.e2e;

import static io.tenfold.e2e.FhirClientE2ETest.scopes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

/**
 * openid-client 6, a certified OpenID Connect client, against a tenant's provider authorization server: SMART
 * Backend Services (client_credentials with private_key_jwt, ES384 and RS384 keys registered in the client's
 * jwks), RFC 7662 introspection and RFC 7009 revocation, and the authorization code flow with PKCE of a
 * confidential provider app with a refresh.
 */
class OpenIdClientE2ETest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static Clinic clinic;
    /** One run of the backend-services script with the ES384 key. */
    private static JsonObject es384;

    @BeforeAll
    static void clinic() throws Exception {
        clinic = Clinic.open("openid");
        // the provider's code flow picks this patient in the picker, which lists the clinic's FHIR Patients
        clinic.storePatientRecord();
        es384 = backendServices(clinic.ecKey);
    }

    private static JsonObject backendServices(ClientKeys key) throws Exception {
        return NodeScripts.run("backend-services.mjs", Map.of(
                "ISSUER", clinic.issuer("provider"),
                "SCOPE", Clinic.BACKEND_SCOPE,
                "BACKEND_CLIENT_ID", clinic.backend,
                "BACKEND_PRIVATE_JWK", key.privateJwk().encode(),
                "CONFIDENTIAL_CLIENT_ID", clinic.providerApp,
                "CONFIDENTIAL_CLIENT_SECRET", clinic.providerAppSecret), TIMEOUT).ok();
    }

    @Test
    void backendServiceGetsASystemTokenWithAnEs384AssertionThatIntrospectionAndRevocationSee() {
        JsonObject result = es384;

        JsonObject discovery = result.getJsonObject("discovery");
        assertEquals(clinic.issuer("provider"), discovery.getString("issuer"));
        assertEquals(clinic.issuer("provider") + "/token", discovery.getString("token_endpoint"));
        assertTrue(discovery.getJsonArray("token_endpoint_auth_methods_supported").contains("private_key_jwt"));

        JsonObject token = result.getJsonObject("token");
        assertEquals(Clinic.BACKEND_SCOPE, token.getString("scope"));
        assertEquals("bearer", token.getString("token_type").toLowerCase());
        assertEquals(300, token.getInteger("expires_in"), "the client's access_token_expiration");
        assertFalse(token.getBoolean("has_refresh_token"), "no refresh token for backend services");
        assertFalse(token.getBoolean("has_id_token"));

        JsonObject claims = result.getJsonObject("accessTokenClaims");
        assertEquals(clinic.backend, claims.getString("sub"));
        assertEquals(clinic.backend, claims.getString("client_id"));
        assertEquals(clinic.fhirBase("provider"), claims.getString("aud"));
        assertEquals(clinic.issuer("provider"), claims.getString("iss"));
        JsonObject signature = result.getJsonObject("signature");
        assertTrue(signature.getBoolean("verified"), "signed by a key the issuer's jwks_uri publishes: " + signature);
        assertFalse(signature.getBoolean("privateMembersPublished"), "the JWKS publishes public keys only");

        JsonObject introspected = result.getJsonObject("introspected");
        assertTrue(introspected.getBoolean("active"));
        assertEquals(clinic.backend, introspected.getString("client_id"));
        assertEquals(Clinic.BACKEND_SCOPE, introspected.getString("scope"));
        assertEquals(claims.getString("jti"), introspected.getString("jti"));
        assertFalse(result.getJsonObject("garbageIntrospected").getBoolean("active"));

        assertTrue(result.getJsonObject("afterForeignRevocation").getBoolean("active"),
                "another client cannot revoke the backend service's token");
        assertFalse(result.getJsonObject("afterOwnRevocation").getBoolean("active"),
                "revoked by its own client (RFC 7009), introspection says inactive");
        assertTrue(result.getJsonObject("secondToken").getBoolean("differs"));
    }

    @Test
    void backendServiceAuthenticatesWithItsRs384KeyToo() throws Exception {
        JsonObject result = backendServices(clinic.rsaKey);
        assertEquals(Clinic.BACKEND_SCOPE, result.getJsonObject("token").getString("scope"));
        assertTrue(result.getJsonObject("introspected").getBoolean("active"));
    }

    /**
     * openid-client addresses a client assertion to the issuer by default (as RFC 7523bis asks); SMART Backend
     * Services addresses it to the token endpoint. RFC 7523 allows either, and Tenfold accepts both, so
     * openid-client works with its defaults.
     */
    @Test
    void anAssertionAddressedToTheIssuerWorksAsOpenIdClientSendsIt() {
        assertTrue(es384.getJsonObject("assertionForIssuer").getBoolean("ok"));
    }

    @Test
    void confidentialProviderAppCodeFlowWithPkceThenRefreshKeepsTheScope() throws Exception {
        JsonObject result = NodeScripts.run("code-flow.mjs", Map.of(
                "ISSUER", clinic.issuer("provider"),
                "FHIR_BASE", clinic.fhirBase("provider"),
                "CLIENT_ID", clinic.providerApp,
                "CLIENT_SECRET", clinic.providerAppSecret,
                "REDIRECT_URI", clinic.redirectUri,
                "SCOPE", Clinic.PROVIDER_APP_SCOPE,
                "EMAIL", clinic.provider.email(),
                "PASSWORD", clinic.provider.password(),
                "PATIENT", clinic.patient.fhirId()), TIMEOUT).ok();

        assertEquals("S256", result.getJsonObject("authorizeParams").getString("code_challenge_method"));
        assertTrue(result.getJsonObject("seen").getBoolean("login"));
        assertEquals(clinic.issuer("provider"), result.getJsonObject("callback").getString("iss"));

        JsonObject token = result.getJsonObject("token");
        assertEquals(scopes(Clinic.PROVIDER_APP_SCOPE), scopes(token.getString("scope")));
        assertEquals(clinic.patient.fhirId(), token.getString("patient"), "the patient the provider named");
        assertEquals(600, token.getInteger("expires_in"), "the client's access_token_expiration");
        assertTrue(token.getBoolean("has_refresh_token"));

        // openid-client itself checked state, iss, nonce and the id token's iss, aud, exp and iat.
        JsonObject id = result.getJsonObject("idTokenClaims");
        assertEquals(clinic.provider.userId(), id.getString("sub"));
        assertEquals(clinic.fhirUser("provider", clinic.provider), id.getString("fhirUser"));
        assertEquals(result.getJsonObject("authorizeParams").getString("nonce"), id.getString("nonce"));
        assertTrue(result.getJsonObject("idSignature").getBoolean("verified"));
        assertEquals("RS256", result.getJsonObject("idSignature").getString("alg"));
        assertTrue(result.getJsonObject("accessSignature").getBoolean("verified"));
        assertEquals(clinic.fhirUser("provider", clinic.provider),
                result.getJsonObject("userinfo").getString("fhirUser"));

        assertEquals("invalid_grant", result.getJsonObject("replay").getString("error"), "codes are single-use");
        assertFalse(result.getJsonObject("afterReplay").getBoolean("active"),
                "a replayed code revokes what it issued");

        JsonObject second = result.getJsonObject("secondAuthorization");
        assertFalse(second.getJsonObject("seen").getBoolean("login"), "the session holds in the same browser");
        assertEquals(scopes(Clinic.PROVIDER_APP_SCOPE), scopes(second.getString("scope")));

        JsonObject refreshed = result.getJsonObject("refreshed");
        assertEquals(scopes(second.getString("scope")), scopes(refreshed.getString("scope")),
                "a refresh without scope gives back the scope granted");
        assertEquals(clinic.patient.fhirId(), refreshed.getString("patient"));
        assertTrue(refreshed.getBoolean("rotated"), "refresh tokens rotate");
        assertTrue(refreshed.getJsonObject("accessIntrospected").getBoolean("active"));
        assertEquals("refresh_token", refreshed.getJsonObject("refreshIntrospected").getString("token_type"));

        JsonObject revoked = result.getJsonObject("afterRevocation");
        assertFalse(revoked.getJsonObject("refreshToken").getBoolean("active"));
        assertFalse(revoked.getJsonObject("accessToken").getBoolean("active"),
                "revoking the refresh token takes the authorization's access tokens with it");
        assertEquals("invalid_grant", revoked.getJsonObject("refresh").getString("error"));
    }
}
