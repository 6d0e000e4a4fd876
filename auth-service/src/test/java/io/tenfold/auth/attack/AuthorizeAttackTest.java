package io.tenfold.auth.attack;

import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tenfold.auth.support.Registry;
import io.tenfold.auth.support.SmartApp;
import io.tenfold.auth.support.TestClients;
import io.tenfold.auth.support.TestUsers;
import io.tenfold.commons.event.UserState;

/** What /authorize must refuse, each named after the attack. */
@QuarkusTest
class AuthorizeAttackTest {

    private static final String SCOPE = "openid fhirUser launch/patient patient/*.rs";

    private String tenant;
    private String clientId;
    private UserState user;
    private SmartApp app;

    @BeforeEach
    void setUp() {
        tenant = Registry.tenant("authz");
        clientId = TestClients.newId("app");
        Registry.client(TestClients.publicApp(tenant, clientId, "smart-app", null));
        Registry.allowPolicy(tenant, "Client/" + clientId);
        user = TestUsers.patient(tenant, "pt-9");
        Registry.user(user);
        app = new SmartApp(tenant, "patient", clientId);
    }

    @ParameterizedTest(name = "redirect_uri {0}")
    @ValueSource(strings = { "https://app.example.org/callback/evil", "https://app.example.org/callback/../evil",
            "https://app.example.org/callback?next=https://evil.example", "https://evil.example.org/callback",
            "https://app.example.org/callbackx", "http://app.example.org/callback", "" })
    void redirectUriNotExactlyRegisteredGetsAnErrorPageAndNoRedirect(String redirectUri) {
        Map<String, String> params = app.authorizeParams(SCOPE);
        params.put("redirect_uri", redirectUri);
        Response response = app.authorize(params);
        assertEquals(400, response.statusCode());
        assertNull(response.header("Location"), "never redirected to an unregistered URI");
    }

    @Test
    void unknownClientGetsAnErrorPageAndNoRedirect() {
        // a client id holding U+0000 (which PostgreSQL cannot compare) is just as unknown
        for (String unknown : new String[] {"no-such-app", clientId + "\u0000"}) {
            Map<String, String> params = app.authorizeParams(SCOPE);
            params.put("client_id", unknown);
            Response response = app.authorize(params);
            assertEquals(400, response.statusCode(), unknown);
            assertNull(response.header("Location"));
            assertTrue(response.contentType().startsWith("text/html"), "the error page: " + response.contentType());
        }
    }

    @Test
    void pkceMissingIsRefusedForPublicClients() {
        Map<String, String> params = app.authorizeParams(SCOPE);
        params.remove("code_challenge");
        params.remove("code_challenge_method");
        assertRedirectError(app, app.authorize(params), "invalid_request");
    }

    @Test
    void pkcePlainIsRefused() {
        Map<String, String> params = app.authorizeParams(SCOPE);
        params.put("code_challenge", app.verifier);
        params.put("code_challenge_method", "plain");
        assertRedirectError(app, app.authorize(params), "invalid_request");
    }

    @Test
    void audOtherThanThisTenantsFhirBaseGetsNoCode() {
        String other = Registry.tenant("authz-other");
        for (String aud : new String[] { "http://tenfold.test/tenant/" + other + "/patient/smart-api",
                "http://tenfold.test/tenant/" + tenant + "/provider/smart-api", "https://evil.example/fhir", "" }) {
            Map<String, String> params = app.authorizeParams(SCOPE);
            params.put("aud", aud);
            assertRedirectError(app, app.authorize(params), "invalid_request");
        }
    }

    @Test
    void stateComesBackUnchangedOnErrorsToo() {
        Map<String, String> params = app.authorizeParams(SCOPE);
        params.put("response_type", "token");
        Map<String, String> callback = SmartApp.callback(app.authorize(params));
        assertEquals("unsupported_response_type", callback.get("error"));
        assertEquals(app.state, callback.get("state"));
    }

    @Test
    void clientNoPolicyLinksGetsNoCode() {
        String lonely = TestClients.newId("app");
        Registry.client(TestClients.publicApp(tenant, lonely, "smart-app", null));
        SmartApp other = new SmartApp(tenant, "patient", lonely);
        assertRedirectError(other, other.authorize(other.authorizeParams(SCOPE)), "unauthorized_client");
    }

    @Test
    void patientAppIsUnknownAtTheProviderServer() {
        String patientOnly = TestClients.newId("app");
        Registry.client(TestClients.publicApp(tenant, patientOnly, "patient-facing-smart-app", null));
        Registry.allowPolicy(tenant, "Client/" + patientOnly);
        SmartApp atProvider = new SmartApp(tenant, "provider", patientOnly);
        atProvider.authorize(atProvider.authorizeParams(SCOPE)).then().statusCode(400).header("Location", nullValue());
    }

    @Test
    void forgedLaunchIsRefused() {
        Map<String, String> params = app.authorizeParams("launch " + SCOPE);
        params.put("launch", "eyJhbGciOiJub25lIn0.eyJjbGllbnRfaWQiOiJ4In0.");
        assertRedirectError(app, app.authorize(params), "invalid_request");
    }

    private void assertRedirectError(SmartApp sender, Response response, String error) {
        Map<String, String> callback = SmartApp.callback(response);
        assertEquals(error, callback.get("error"));
        assertEquals(sender.state, callback.get("state"));
        assertEquals("http://tenfold.test/tenant/" + tenant + "/patient/auth", callback.get("iss"),
                "RFC 9207: errors name the issuer too");
        assertNull(callback.get("code"));
    }
}
