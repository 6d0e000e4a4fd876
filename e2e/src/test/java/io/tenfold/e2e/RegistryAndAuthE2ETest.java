package io.tenfold.e2e;

import static io.restassured.RestAssured.given;
import static io.tenfold.e2e.RunningPlatform.operator;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;
import io.tenfold.local.Platform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The registry and the authorization servers together, through the one entry point: what an operator sets up
 * is usable at once, keeps working when tenant-service is away, and the operator's tools (launch URIs, bearer
 * tokens, invitations) reach across the services.
 */
class RegistryAndAuthE2ETest {

    private static Clinic clinic;

    @BeforeAll
    static void open() throws Exception {
        clinic = Clinic.open("reg");
    }

    @Test
    void aJustCreatedUserCanSignInWithinASecond() throws Exception {
        Clinic.Person person = new Clinic.Person("new-" + Clinic.random(6).toLowerCase().replace('_', 'x'),
                "new." + Clinic.random(6).toLowerCase().replace('_', 'x') + "@example.org", "fresh password 123",
                "Patient", "pt-new");
        operator().contentType("application/json").body(user(person, "patient").encode())
                .put("/User/" + person.userId()).then().statusCode(201);
        long created = System.nanoTime();
        // Each failed try counts toward the login throttle (ten a quarter hour): seven tries at most.
        await().atMost(Duration.ofSeconds(1)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(150))
                .until(() -> clinic.signsIn("patient", clinic.patientApp, person));
        System.out.printf("user could sign in %d ms after it was created%n", (System.nanoTime() - created) / 1_000_000);
    }

    @Test
    void signInAndTokensKeepWorkingWhileTenantServiceIsDown() throws Exception {
        Platform platform = RunningPlatform.get();
        platform.stopService("tenant-service");
        try {
            operator().get("/Tenant/" + clinic.id).then().statusCode(503).body("resourceType", equalTo("OperationOutcome"));
            assertTrue(clinic.signsIn("patient", clinic.patientApp, clinic.patient), "patients still sign in");
            given().formParam("grant_type", "client_credentials").formParam("scope", Clinic.BACKEND_SCOPE)
                    .formParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                    .formParam("client_assertion", clinic.ecKey.assertion(clinic.backend,
                            clinic.issuer("provider") + "/token"))
                    .post(clinic.issuer("provider") + "/token").then().statusCode(200);
        } finally {
            platform.startService("tenant-service");
        }
        operator().get("/Tenant/" + clinic.id).then().statusCode(200);
    }

    @Test
    void launchUriFromTheRpcLaunchesTheAppWithItsPatient() throws Exception {
        String ehrApp = "ehr-" + clinic.id;
        JsonObject tenant = new JsonObject().put("tenant", new JsonObject().put("resourceType", "Tenant")
                .put("id", clinic.id));
        operator().contentType("application/json").body(new JsonObject().put("resourceType", "Client")
                .put("meta", tenant).put("type", "provider-facing-smart-app").put("name", "EHR-launched app")
                .put("grant_types", new JsonArray().add("authorization_code")).put("secret", clinic.providerAppSecret)
                .put("auth", new JsonObject().put("authorization_code", new JsonObject()
                        .put("redirect_uri", clinic.redirectUri).put("secret_required", true).put("pkce", true)))
                .put("smart", new JsonObject().put("launch_uri", "https://ehr-app.example.org/launch")).encode())
                .put("/Client/" + ehrApp).then().statusCode(201);
        operator().contentType("application/json").body(new JsonObject().put("resourceType", "AccessPolicy")
                .put("meta", tenant).put("engine", "allow").put("link", new JsonArray()
                        .add(new JsonObject().put("resourceType", "Client").put("id", ehrApp))).encode())
                .put("/AccessPolicy/ehr-policy-" + clinic.id).then().statusCode(201);
        JsonObject rpc = new JsonObject().put("method", "smart/get-launch-uri").put("params", new JsonObject()
                .put("user", clinic.provider.userId()).put("client", ehrApp)
                .put("iss", clinic.fhirBase("provider")).put("ctx", new JsonObject().put("patient", "pt-launch")));
        Response launched = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> operator().contentType("application/json").body(rpc.encode()).post("/rpc"),
                        response -> response.statusCode() != 422);
        launched.then().statusCode(200).body("result.iss", equalTo(clinic.fhirBase("provider")))
                .body("result.uri", containsString("iss="));
        String launch = Browser.query(launched.path("result.uri")).get("launch");
        assertEquals(launched.<String>path("result.launch"), launch);

        String verifier = Clinic.random(48);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", ehrApp);
        params.put("redirect_uri", clinic.redirectUri);
        params.put("scope", "launch openid fhirUser user/*.rs");
        params.put("state", "ehr");
        params.put("aud", clinic.fhirBase("provider"));
        params.put("code_challenge", Clinic.challenge(verifier));
        params.put("code_challenge_method", "S256");
        params.put("launch", launch);
        Browser browser = new Browser();
        Response page = browser.follow(given().redirects().follow(false).queryParams(params)
                .get(clinic.issuer("provider") + "/authorize"));
        page = browser.follow(browser.post(page, Map.of("email", clinic.provider.email(), "password",
                clinic.provider.password())));
        Response back = browser.post(page, Map.of("decision", "allow"));
        String code = Browser.query(back.header("Location")).get("code");
        given().auth().preemptive().basic(ehrApp, clinic.providerAppSecret)
                .formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", clinic.redirectUri).formParam("code_verifier", verifier)
                .post(clinic.issuer("provider") + "/token").then().statusCode(200)
                .body("patient", equalTo("pt-launch")).body("need_patient_banner", equalTo(false));
    }

    @Test
    void operatorBearerTokensOpenTheOperatorApiAndTenantTokensDoNot() throws Exception {
        Platform platform = RunningPlatform.get();
        String operatorToken = given().auth().preemptive().basic(platform.operatorClientId(),
                platform.operatorSecret()).formParam("grant_type", "client_credentials").post("/auth/token")
                .then().statusCode(200).extract().path("access_token");
        given().auth().oauth2(operatorToken).get("/Tenant/" + clinic.id).then().statusCode(200);
        String tenantToken = given().formParam("grant_type", "client_credentials")
                .formParam("scope", Clinic.BACKEND_SCOPE)
                .formParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .formParam("client_assertion", clinic.ecKey.assertion(clinic.backend, clinic.issuer("provider") + "/token"))
                .post(clinic.issuer("provider") + "/token").then().statusCode(200).extract().path("access_token");
        given().auth().oauth2(tenantToken).get("/Tenant/" + clinic.id).then().statusCode(401);
    }

    @Test
    void anInvitedPatientSetsAPasswordInThePortalAndSignsIn() throws Exception {
        String suffix = Clinic.random(6).toLowerCase().replace('_', 'x').replace('-', 'x');
        String email = "invited." + suffix + "@example.org";
        JsonObject invite = new JsonObject().put("email", email)
                .put("tenant", new JsonObject().put("resourceType", "Tenant").put("id", clinic.id))
                .put("roles", new JsonArray().add(new JsonObject().put("type", "patient")))
                .put("fhirUser", new JsonObject().put("resourceType", "Patient").put("id", "pt-invited"));
        Response invited = operator().urlEncodingEnabled(false).contentType("application/json").body(invite.encode())
                .post("/User/$invite");
        invited.then().statusCode(201);
        URI link = URI.create(invited.path("invitationUrl"));
        assertTrue(link.getPath().endsWith("/tenant/" + clinic.id + "/patient/portal/invite"), link.toString());

        Response form = given().get(link.getRawPath() + "?" + link.getRawQuery());
        form.then().statusCode(200).body(containsString("Choose a password"));
        Map<String, String> fields = Browser.hidden(form.asString());
        given().cookie("tenfold_csrf", form.getCookie("tenfold_csrf")).formParams(fields)
                .formParam("password", "invited password 9").formParam("confirm", "invited password 9")
                .post(link.getRawPath()).then().statusCode(200).body(containsString("Your account is ready"));

        String userId = invited.path("user.id");
        Clinic.Person person = new Clinic.Person(userId, email, "invited password 9", "Patient", "pt-invited");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> clinic.signsIn("patient", clinic.patientApp, person));
        Response again = given().get(link.getRawPath() + "?" + link.getRawQuery());
        given().cookie("tenfold_csrf", again.getCookie("tenfold_csrf")).formParams(Browser.hidden(again.asString()))
                .formParam("password", "another password 9").formParam("confirm", "another password 9")
                .post(link.getRawPath()).then().statusCode(400).body(containsString("not valid"));
    }

    private JsonObject user(Clinic.Person person, String role) {
        return new JsonObject().put("resourceType", "User").put("email", person.email())
                .put("password", person.password())
                .put("meta", new JsonObject().put("tenant", new JsonObject().put("resourceType", "Tenant")
                        .put("id", clinic.id)))
                .put("roles", new JsonArray().add(new JsonObject().put("type", role)))
                .put("fhirUser", new JsonObject().put("resourceType", person.fhirType()).put("id", person.fhirId()));
    }
}
