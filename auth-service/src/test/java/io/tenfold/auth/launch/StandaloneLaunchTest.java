package io.tenfold.auth.launch;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.nimbusds.jwt.SignedJWT;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tenfold.auth.support.Registry;
import io.tenfold.auth.support.SmartApp;
import io.tenfold.auth.support.TestClients;
import io.tenfold.auth.support.TestUsers;
import io.tenfold.commons.event.UserState;

/** A patient-facing app's standalone launch, through the real pages, as SMART App Launch 2 describes it. */
@QuarkusTest
class StandaloneLaunchTest {

    private static final String SCOPE = "openid fhirUser launch/patient patient/Patient.rs patient/Observation.rs "
            + "offline_access";

    private String tenant;
    private String clientId;
    private UserState user;

    @BeforeEach
    void registerAppAndPatient() {
        tenant = Registry.tenant("launch");
        clientId = TestClients.newId("app");
        Registry.client(TestClients.publicApp(tenant, clientId, "patient-facing-smart-app", null));
        Registry.allowPolicy(tenant, "Client/" + clientId);
        user = TestUsers.patient(tenant, "pt-1");
        Registry.user(user);
    }

    @Test
    void patientLaunchGivesTokensWithThePatientInContext() throws Exception {
        SmartApp app = new SmartApp(tenant, "patient", clientId);
        Map<String, String> callback = SmartApp.callback(app.launch(SCOPE, user.email()));
        assertEquals(app.state, callback.get("state"), "state comes back unchanged");
        assertEquals("http://tenfold.test/tenant/" + tenant + "/patient/auth", callback.get("iss"));

        Response token = app.exchange(callback.get("code"), app.verifier);
        token.then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("scope", equalTo(SCOPE))
                .body("patient", equalTo("pt-1"))
                .body("need_patient_banner", equalTo(true))
                .body("smart_style_url", equalTo("http://tenfold.test/tenant/" + tenant
                        + "/patient/auth/smart-style.json"))
                .body("refresh_token", notNullValue())
                .body("id_token", notNullValue());

        SignedJWT access = SignedJWT.parse(token.path("access_token"));
        assertEquals("pt-1", access.getJWTClaimsSet().getStringClaim("patient"));
        assertEquals(app.fhirBase(), access.getJWTClaimsSet().getAudience().get(0));
        SignedJWT id = SignedJWT.parse(token.path("id_token"));
        assertEquals(List.of(clientId), id.getJWTClaimsSet().getAudience());
        assertEquals(app.fhirBase() + "/Patient/pt-1", id.getJWTClaimsSet().getStringClaim("fhirUser"));

        app.introspect(token.path("access_token")).then().statusCode(200).body("active", equalTo(true))
                .body("patient", equalTo("pt-1"));
        given().auth().oauth2(token.path("access_token")).get(app.base() + "/userinfo").then().statusCode(200)
                .body("sub", equalTo(user.id())).body("fhirUser", equalTo(app.fhirBase() + "/Patient/pt-1"));
        given().get(app.base() + "/smart-style.json").then().statusCode(200)
                .contentType(containsString("application/json"));
    }

    @Test
    void patientMayUntickScopesAndGetsOnlyWhatShePermitted() {
        SmartApp app = new SmartApp(tenant, "patient", clientId);
        Response consentPage = app.follow(app.login(app.follow(app.authorize(app.authorizeParams(SCOPE))),
                user.email(), TestUsers.PASSWORD));
        consentPage.then().statusCode(200).body(containsString("Read, search observations of the patient"));
        Map<String, String> callback = SmartApp.callback(app.consent(consentPage,
                List.of("openid", "fhirUser", "launch/patient", "patient/Patient.rs"), null));
        app.exchange(callback.get("code"), app.verifier).then().statusCode(200)
                .body("scope", equalTo("openid fhirUser launch/patient patient/Patient.rs"));
    }

    @Test
    void refreshWithoutScopeGivesTheOriginalScopesAndMayNarrowButNotWiden() {
        SmartApp app = new SmartApp(tenant, "patient", clientId);
        Response token = app.exchange(SmartApp.callback(app.launch(SCOPE, user.email())).get("code"), app.verifier);
        String refresh = token.path("refresh_token");
        Response refreshed = app.refresh(refresh, null);
        refreshed.then().statusCode(200).body("scope", equalTo(SCOPE)).body("patient", equalTo("pt-1"));
        Response narrowed = app.refresh(refreshed.path("refresh_token"), "patient/Observation.rs");
        narrowed.then().statusCode(200).body("scope", equalTo("patient/Observation.rs"));
        app.refresh(narrowed.path("refresh_token"), "patient/Observation.rs patient/Condition.rs").then()
                .statusCode(400).body("error", equalTo("invalid_scope"));
    }

    @Test
    void deniedConsentRedirectsWithAccessDenied() {
        SmartApp app = new SmartApp(tenant, "patient", clientId);
        Response consentPage = app.follow(app.login(app.follow(app.authorize(app.authorizeParams(SCOPE))),
                user.email(), TestUsers.PASSWORD));
        var form = io.tenfold.auth.support.HtmlForm.parse(consentPage.asString());
        Response denied = app.browser().formParam("request", form.first("request"))
                .formParam("csrf", form.first("csrf")).formParam("decision", "deny").post(
                        java.net.URI.create(form.action()).getPath());
        Map<String, String> callback = SmartApp.callback(denied);
        assertEquals("access_denied", callback.get("error"));
        assertEquals(app.state, callback.get("state"));
        assertNull(callback.get("code"));
    }
}
