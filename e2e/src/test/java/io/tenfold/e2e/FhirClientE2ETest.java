package io.tenfold.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

/**
 * The SMART JS client, fhirclient 2.6.3, unchanged, makes a standalone patient launch against a tenant's patient
 * authorization server: it discovers the server from the FHIR API's smart-configuration, sends the patient to sign
 * in and consent (PKCE S256), exchanges the code, refreshes, and reads the patient in context.
 */
class FhirClientE2ETest {

    private static Clinic clinic;
    private static JsonObject launch;

    @BeforeAll
    static void standaloneLaunch() throws Exception {
        clinic = Clinic.open("fhirclient");
        clinic.storePatientRecord();
        launch = NodeScripts.run("smart-standalone.mjs", Map.of(
                "FHIR_BASE", clinic.fhirBase("patient"),
                "CLIENT_ID", clinic.patientApp,
                "REDIRECT_URI", clinic.redirectUri,
                "SCOPE", Clinic.PATIENT_APP_SCOPE,
                "EMAIL", clinic.patient.email(),
                "PASSWORD", clinic.patient.password()), Duration.ofSeconds(90)).ok();
    }

    @Test
    void theLaunchUsesPkceAndComesBackWithStateAndIssuer() {
        JsonObject authorize = launch.getJsonObject("authorizeParams");
        assertEquals(clinic.issuer("patient") + "/authorize", launch.getString("authorizeUrl").split("\\?")[0]);
        assertEquals("S256", authorize.getString("code_challenge_method"));
        assertTrue(authorize.getString("code_challenge").matches("[A-Za-z0-9_-]{43}"), authorize.encode());
        assertEquals(clinic.fhirBase("patient"), authorize.getString("aud"));
        JsonObject seen = launch.getJsonObject("seen");
        assertTrue(seen.getBoolean("login"), "the patient was asked to sign in");
        assertTrue(seen.getBoolean("consent"), "the patient was asked to consent");
        assertEquals(scopes(Clinic.PATIENT_APP_SCOPE), new TreeSet<>(seen.getJsonArray("consentScopes").getList()));
        JsonObject callback = launch.getJsonObject("callback");
        assertEquals(authorize.getString("state"), callback.getString("state"));
        assertEquals(clinic.issuer("patient"), callback.getString("iss"));
    }

    @Test
    void theTokenResponseCarriesThePatientTheScopeAnIdTokenAndARefreshToken() {
        JsonObject token = launch.getJsonObject("token");
        assertEquals("Bearer", token.getString("token_type"));
        assertEquals(clinic.patient.fhirId(), token.getString("patient"));
        assertEquals(scopes(Clinic.PATIENT_APP_SCOPE), scopes(token.getString("scope")));
        assertTrue(token.getBoolean("has_refresh_token"), token.encode());
        assertTrue(token.getInteger("expires_in") > 0);
        assertEquals(clinic.issuer("patient") + "/smart-style.json", token.getString("smart_style_url"));

        JsonObject id = launch.getJsonObject("idTokenClaims");
        assertNotNull(id, "an id_token, since openid was granted");
        assertEquals(clinic.fhirUser("patient", clinic.patient), id.getString("fhirUser"));
        assertEquals(clinic.issuer("patient"), id.getString("iss"));
        assertEquals(clinic.patientApp, id.getString("aud"));
        assertEquals(clinic.patient.userId(), id.getString("sub"));

        JsonObject access = launch.getJsonObject("accessTokenClaims");
        assertEquals("at+jwt", launch.getJsonObject("accessTokenHeader").getString("typ"));
        assertNotNull(launch.getJsonObject("accessTokenHeader").getString("kid"));
        assertEquals(clinic.issuer("patient"), access.getString("iss"));
        assertEquals(clinic.fhirBase("patient"), access.getString("aud"));
        assertEquals(clinic.patient.fhirId(), access.getString("patient"));
        assertEquals(clinic.patientApp, access.getString("client_id"));
        assertEquals(scopes(Clinic.PATIENT_APP_SCOPE), scopes(access.getString("scope")));
    }

    @Test
    void theClientKnowsItsPatientAndUserAndRefreshesWithTheSameScope() {
        JsonObject client = launch.getJsonObject("client");
        assertEquals(clinic.patient.fhirId(), client.getString("patientId"));
        assertEquals("Patient/" + clinic.patient.fhirId(), client.getString("fhirUser"));
        assertEquals("Patient", client.getString("userType"));
        JsonObject refreshed = launch.getJsonObject("refreshed");
        assertTrue(refreshed.getBoolean("new_access_token"));
        assertTrue(refreshed.getBoolean("has_refresh_token"));
        assertEquals(scopes(Clinic.PATIENT_APP_SCOPE), scopes(refreshed.getString("scope")));
        assertEquals(clinic.patient.fhirId(), refreshed.getString("patient"));
    }

    /** {@code client.patient.read()} reads the patient in context from the tenant's patient FHIR API. */
    @Test
    void readingThePatientInContextReachesTheFhirApi() {
        JsonObject read = launch.getJsonObject("patientRead");
        assertTrue(read.getBoolean("ok"), read.encode());
        assertEquals("Patient", read.getString("resourceType"));
        assertEquals(clinic.patient.fhirId(), read.getString("id"));
    }

    static Set<String> scopes(String scope) {
        return new TreeSet<>(Arrays.asList(scope.trim().split("\\s+")));
    }
}
