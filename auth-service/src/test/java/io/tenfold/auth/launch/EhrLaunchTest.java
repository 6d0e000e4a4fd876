package io.tenfold.auth.launch;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tenfold.auth.support.Registry;
import io.tenfold.auth.support.SmartApp;
import io.tenfold.auth.support.TestClients;
import io.tenfold.auth.support.TestUsers;
import io.tenfold.commons.event.UserState;
import io.tenfold.local.testing.SharedInfra;

/** EHR launch: the operator mints a launch for a provider and a patient; the app launches with it. */
@QuarkusTest
class EhrLaunchTest {

    private static final String SCOPE = "launch openid fhirUser user/*.rs patient/*.rs";

    private String tenant;
    private String clientId;
    private UserState provider;

    @BeforeEach
    void setUp() {
        tenant = Registry.tenant("ehr");
        clientId = TestClients.newId("app");
        Registry.client(TestClients.publicApp(tenant, clientId, "provider-facing-smart-app", null));
        Registry.allowPolicy(tenant, "Client/" + clientId);
        provider = TestUsers.provider(tenant, "pr-1");
        Registry.user(provider);
    }

    private Response mint(String client, String user, String patient) {
        return given().auth().preemptive().basic("operator", SharedInfra.get().operatorSecret())
                .contentType("application/json")
                .body("{\"tenant\":\"" + tenant + "\",\"client\":\"" + client + "\",\"user\":\"" + user
                        + "\",\"ctx\":{\"patient\":\"" + patient + "\"}}")
                .post("/auth/launch");
    }

    @Test
    void launchContextBecomesTheTokensContext() {
        Response minted = mint(clientId, provider.id(), "pt-42");
        minted.then().statusCode(200)
                .body("iss", equalTo("http://tenfold.test/tenant/" + tenant + "/provider/smart-api"))
                .body("launch-uri", equalTo("https://app.example.org/launch"))
                .body("uri", containsString("https://app.example.org/launch?iss="));
        Map<String, String> launchQuery = query(minted.path("uri"));
        assertEquals(minted.<String>path("iss"), launchQuery.get("iss"));

        SmartApp app = new SmartApp(tenant, "provider", clientId);
        Map<String, String> params = app.authorizeParams(SCOPE);
        params.put("launch", launchQuery.get("launch"));
        Response consent = app.follow(app.login(app.follow(app.authorize(params)), provider.email(),
                TestUsers.PASSWORD));
        Map<String, String> callback = SmartApp.callback(app.consent(consent, null, null));
        app.exchange(callback.get("code"), app.verifier).then().statusCode(200)
                .body("patient", equalTo("pt-42"))
                .body("need_patient_banner", equalTo(false))
                .body("scope", containsString("launch"));
    }

    @Test
    void launchMintedForAnotherAppIsRefused() {
        String other = TestClients.newId("app");
        Registry.client(TestClients.publicApp(tenant, other, "provider-facing-smart-app", null));
        Registry.allowPolicy(tenant, "Client/" + other);
        String launch = query(mint(other, provider.id(), "pt-1").path("uri")).get("launch");
        SmartApp app = new SmartApp(tenant, "provider", clientId);
        Map<String, String> params = app.authorizeParams(SCOPE);
        params.put("launch", launch);
        assertEquals("invalid_request", SmartApp.callback(app.authorize(params)).get("error"));
    }

    @Test
    void launchMintedForAnotherUserCannotBeUsedByThisOne() {
        UserState colleague = TestUsers.provider(tenant, "pr-2");
        Registry.user(colleague);
        String launch = query(mint(clientId, colleague.id(), "pt-1").path("uri")).get("launch");
        SmartApp app = new SmartApp(tenant, "provider", clientId);
        Map<String, String> params = app.authorizeParams(SCOPE);
        params.put("launch", launch);
        Response page = app.login(app.follow(app.authorize(params)), provider.email(), TestUsers.PASSWORD);
        page.then().statusCode(200).body(containsString("cannot sign in here"));
    }

    @Test
    void mintingNeedsAnOperatorAndValidReferences() {
        given().contentType("application/json").body("{}").post("/auth/launch").then().statusCode(401);
        mint("no-such-app", provider.id(), "pt-1").then().statusCode(422)
                .body("issue[0].expression[0]", equalTo("client"));
        mint(clientId, "no-such-user", "pt-1").then().statusCode(422);
        mint(clientId, provider.id(), "bad id!").then().statusCode(422);
    }

    @Test
    void providerStandaloneLaunchWithoutTheFhirApiPicksNoPatientAndIssuesNothing() {
        // these tests run auth-service alone: the picker cannot search, and a typed-in id is not taken on trust
        SmartApp app = new SmartApp(tenant, "provider", clientId);
        Response consent = app.follow(app.login(app.follow(app.authorize(app.authorizeParams(
                "openid fhirUser launch/patient patient/*.rs"))), provider.email(), TestUsers.PASSWORD));
        consent.then().statusCode(200).body(containsString("Patient search is unavailable"))
                .body(containsString("name=\"patient-query\""));
        Response refused = app.consent(consent, null, "pt-77");
        refused.then().statusCode(200).body(containsString("Patient search is unavailable"));
        assertNull(refused.header("Location"), "no code without a patient the FHIR API knows");
    }

    private static Map<String, String> query(String uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : URI.create(uri).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }
}
