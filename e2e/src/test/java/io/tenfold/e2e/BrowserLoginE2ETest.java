package io.tenfold.e2e;

import static io.restassured.RestAssured.given;
import static io.tenfold.e2e.FhirClientE2ETest.scopes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

/**
 * A patient in a real browser (headless Chromium, driven by playwright-core): the patient app sends them to the
 * tenant's sign-in page; they type their email and password into the labelled fields, untick one permission on the
 * consent page and press Allow. The app (this test) gets the code back and exchanges it with its PKCE verifier:
 * the permission they unticked is not granted. Another time they press Deny, and the app hears so.
 */
class BrowserLoginE2ETest {

    private static final String UNTICKED = "patient/*.rs";
    private static Clinic clinic;
    private static String verifier;
    private static String state;
    private static JsonObject browser;

    @BeforeAll
    static void signInInABrowser() throws Exception {
        clinic = Clinic.open("browser");
        verifier = Clinic.random(48);
        state = "st-" + Clinic.random(12);
        String authorizeUrl = authorizeUrl(state, Clinic.challenge(verifier));
        Path screenshot = NodeScripts.target().resolve("consent-page.png");
        Files.deleteIfExists(screenshot);
        browser = NodeScripts.run("browser-login.mjs", Map.of(
                "AUTHORIZE_URL", authorizeUrl,
                "REDIRECT_URI", clinic.redirectUri,
                "EMAIL", clinic.patient.email(),
                "PASSWORD", clinic.patient.password(),
                "UNTICK", UNTICKED,
                "SCREENSHOT", screenshot.toString()), Duration.ofSeconds(90)).ok();
    }

    /** The patient app's authorize URL, as the app builds it. */
    private static String authorizeUrl(String state, String challenge) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", clinic.patientApp);
        params.put("redirect_uri", clinic.redirectUri);
        params.put("scope", Clinic.PATIENT_APP_SCOPE);
        params.put("state", state);
        params.put("aud", clinic.fhirBase("patient"));
        params.put("code_challenge", challenge);
        params.put("code_challenge_method", "S256");
        return clinic.issuer("patient") + "/authorize?" + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Test
    void thePagesNameTheClinicAndTheAppAndOfferEveryScopeTicked() {
        assertTrue(browser.getString("loginTitle").contains(clinic.name), browser.getString("loginTitle"));
        assertTrue(browser.getString("consentTitle").contains(clinic.name), browser.getString("consentTitle"));
        assertEquals("Allow Growth Chart to connect?", browser.getString("heading"));
        Set<String> offered = new TreeSet<>();
        browser.getJsonArray("offered").stream().map(JsonObject.class::cast).forEach(box -> {
            offered.add(box.getString("scope"));
            assertTrue(box.getBoolean("checked"), "ticked until the person unticks it: " + box);
            assertTrue(box.getString("label").length() > box.getString("scope").length() + 3,
                    "each scope is explained in words: " + box);
        });
        assertEquals(scopes(Clinic.PATIENT_APP_SCOPE), offered);
        assertTrue(browser.getBoolean("unticked"));
    }

    @Test
    void theConsentPageScreenshotIsSaved() throws Exception {
        Path screenshot = Path.of(browser.getString("screenshot"));
        assertTrue(Files.size(screenshot) > 1_000, "a PNG of the consent page at " + screenshot);
        byte[] magic = Arrays.copyOf(Files.readAllBytes(screenshot), 8);
        assertArrayEquals(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' }, magic);
    }

    @Test
    void theAppExchangesTheCodeAndTheUntickedScopeIsNotGranted() {
        JsonObject callback = browser.getJsonObject("callback");
        assertEquals(state, callback.getString("state"));
        assertEquals(clinic.issuer("patient"), callback.getString("iss"));
        assertTrue(callback.getValue("error") == null, callback.encode());

        Response token = given().formParam("grant_type", "authorization_code")
                .formParam("code", callback.getString("code")).formParam("redirect_uri", clinic.redirectUri)
                .formParam("client_id", clinic.patientApp).formParam("code_verifier", verifier)
                .post(clinic.issuer("patient") + "/token");
        assertEquals(200, token.statusCode(), token.asString());
        Set<String> granted = scopes(token.jsonPath().getString("scope"));
        Set<String> expected = new TreeSet<>(scopes(Clinic.PATIENT_APP_SCOPE));
        expected.remove(UNTICKED);
        assertEquals(expected, granted);
        assertFalse(granted.contains(UNTICKED));
        assertEquals(clinic.patient.fhirId(), token.jsonPath().getString("patient"));
        assertEquals("no-store", token.header("Cache-Control"));
    }

    /**
     * Pressing Deny sends the person back to the app with {@code access_denied}, the app's state and the issuer
     * (RFC 9207 §2: errors name the server too, so a client talking to several cannot be mixed up), and no code.
     */
    @Test
    void denyingSendsTheAppAccessDeniedWithItsStateAndTheIssuer() throws Exception {
        String denyState = "st-" + Clinic.random(12);
        JsonObject denied = NodeScripts.run("browser-login.mjs", Map.of(
                "AUTHORIZE_URL", authorizeUrl(denyState, Clinic.challenge(Clinic.random(48))),
                "REDIRECT_URI", clinic.redirectUri,
                "EMAIL", clinic.patient.email(),
                "PASSWORD", clinic.patient.password(),
                "DECISION", "deny"), Duration.ofSeconds(90)).ok();
        JsonObject callback = denied.getJsonObject("callback");
        assertEquals("access_denied", callback.getString("error"), callback.encode());
        assertEquals(denyState, callback.getString("state"));
        assertNull(callback.getValue("code"), "nothing to exchange after Deny");
        assertEquals(clinic.issuer("patient"), callback.getString("iss"));
    }
}
