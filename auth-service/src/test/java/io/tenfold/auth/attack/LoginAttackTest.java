package io.tenfold.auth.attack;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tenfold.auth.support.HtmlForm;
import io.tenfold.auth.support.Registry;
import io.tenfold.auth.support.SmartApp;
import io.tenfold.auth.support.TestClients;
import io.tenfold.auth.support.TestUsers;
import io.tenfold.commons.event.UserState;

/** The sign-in and consent pages against guessing, enumeration, cross-site posts and session mix-ups. */
@QuarkusTest
class LoginAttackTest {

    private static final String SCOPE = "openid fhirUser launch/patient patient/*.rs";

    private String tenant;
    private String clientId;
    private UserState user;

    @BeforeEach
    void setUp() {
        tenant = Registry.tenant("login");
        clientId = TestClients.newId("app");
        Registry.client(TestClients.publicApp(tenant, clientId, "smart-app", null));
        Registry.allowPolicy(tenant, "Client/" + clientId);
        user = TestUsers.patient(tenant, "pt-5");
        Registry.user(user);
    }

    private SmartApp app(String audience) {
        return new SmartApp(tenant, audience, clientId);
    }

    private Response loginPage(SmartApp app) {
        return app.follow(app.authorize(app.authorizeParams(SCOPE)));
    }

    @Test
    void unknownAndKnownEmailsGetTheSameAnswer() {
        SmartApp app = app("patient");
        Response wrongPassword = app.login(loginPage(app), user.email(), "not-the-password");
        Response unknownEmail = app.login(loginPage(app), "nobody-" + user.email(), "not-the-password");
        assertEquals(wrongPassword.statusCode(), unknownEmail.statusCode());
        assertEquals(errorOf(wrongPassword), errorOf(unknownEmail));
        Response unstorable = app.login(loginPage(app), user.email() + "\u0000", "not-the-password");
        assertEquals(wrongPassword.statusCode(), unstorable.statusCode(), "U+0000 in an email is an unknown email");
        assertEquals(errorOf(wrongPassword), errorOf(unstorable));
        assertFalse(errorOf(wrongPassword).isEmpty());
    }

    @Test
    void tenFailedLoginsThrottleEvenTheRightPasswordAndUnknownEmailsAlike() {
        SmartApp app = app("patient");
        for (int i = 0; i < 10; i++) {
            app.login(loginPage(app), user.email(), "guess-" + i).then().statusCode(200);
        }
        Response rightPassword = app.login(loginPage(app), user.email(), TestUsers.PASSWORD);
        assertEquals(200, rightPassword.statusCode(), "no redirect to consent: throttled");
        assertTrue(rightPassword.asString().contains("role=\"alert\""));

        String ghost = "ghost-" + user.email();
        for (int i = 0; i < 10; i++) {
            app.login(loginPage(app), ghost, "guess-" + i);
        }
        Response ghostAttempt = app.login(loginPage(app), ghost, "guess-x");
        assertEquals(errorOf(rightPassword), errorOf(ghostAttempt), "the throttle says nothing about who exists");
    }

    @Test
    void loginFormWithoutItsCsrfTokenIsForbidden() {
        SmartApp app = app("patient");
        HtmlForm form = HtmlForm.parse(loginPage(app).asString());
        app.browser().formParam("request", form.first("request")).formParam("email", user.email())
                .formParam("password", TestUsers.PASSWORD).post(URI.create(form.action()).getPath()).then()
                .statusCode(403);
    }

    @Test
    void consentFormWithoutItsCsrfTokenIsForbidden() {
        SmartApp app = app("patient");
        Response consentPage = app.follow(app.login(loginPage(app), user.email(), TestUsers.PASSWORD));
        HtmlForm form = HtmlForm.parse(consentPage.asString());
        app.browser().formParam("request", form.first("request")).formParam("decision", "allow")
                .formParam("scope", "patient/*.rs").post(URI.create(form.action()).getPath()).then()
                .statusCode(403);
        app.browser().formParam("request", form.first("request")).formParam("csrf", "forged")
                .formParam("decision", "allow").post(URI.create(form.action()).getPath()).then().statusCode(403);
    }

    @Test
    void patientCannotSignInAtTheProviderServer() {
        SmartApp app = app("provider");
        app.login(loginPage(app), user.email(), TestUsers.PASSWORD).then().statusCode(200)
                .body(containsString("cannot sign in here"));
    }

    @Test
    void sessionsOfTwoClinicsAreIndependent() {
        String other = Registry.tenant("login-b");
        String otherClient = TestClients.newId("app");
        Registry.client(TestClients.publicApp(other, otherClient, "smart-app", null));
        Registry.allowPolicy(other, "Client/" + otherClient);
        UserState sameEmail = new UserState("u2-" + user.id(), other, user.email(), user.passwordHash(), true,
                user.roles(), new UserState.FhirUser("Patient", "pt-other"), "Pat", "Ient", 1);
        Registry.user(sameEmail);

        SmartApp clinicA = app("patient");
        SmartApp.callback(clinicA.launch(SCOPE, user.email()));
        SmartApp clinicB = new SmartApp(other, "patient", otherClient, clinicA.jar());
        Response atB = clinicB.follow(clinicB.authorize(clinicB.authorizeParams(SCOPE)));
        assertTrue(atB.asString().contains("name=\"password\""), "clinic B asks its own sign-in");
        SmartApp.callback(clinicB.launch(SCOPE, sameEmail.email()));
        Response againAtA = clinicA.follow(clinicA.authorize(clinicA.authorizeParams(SCOPE)));
        assertEquals(302, againAtA.statusCode(), "still signed in at clinic A");
        SmartApp providerSide = new SmartApp(tenant, "provider", clientId, clinicA.jar());
        Response atProvider = providerSide.follow(providerSide.authorize(providerSide.authorizeParams(SCOPE)));
        assertTrue(atProvider.asString().contains("name=\"password\""), "the provider server has its own session");
    }

    private static String errorOf(Response page) {
        String html = page.asString();
        int start = html.indexOf("role=\"alert\"");
        return start < 0 ? "" : html.substring(start, html.indexOf("</p>", start));
    }
}
