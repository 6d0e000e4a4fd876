package io.tenfold.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The provider standalone launch ({@code launch/patient} at the provider server): the consent page lists the
 * tenant's patients from the FHIR API, finds them by name, and the picked patient becomes the token's context. A
 * patient of another clinic, or an id nobody has, is not accepted.
 */
class PatientPickerE2ETest {

    private static final String SCOPE = "launch/patient openid fhirUser user/*.rs";
    private static final Pattern PATIENT_OPTION = Pattern.compile("name=\"patient\" value=\"([^\"]+)\"");

    private static Clinic clinic;
    private static String chalmers;
    private static String wolf;
    private static String elsewhere;

    @BeforeAll
    static void open() throws Exception {
        clinic = Clinic.open("pick");
        FhirTenant fhir = FhirTenant.attach(clinic.id);
        chalmers = create(fhir, "Chalmers", "Peter", "1974-12-25");
        wolf = create(fhir, "Wolf", "Amy", "1982-03-14");
        FhirTenant other = FhirTenant.open("pick-other");
        elsewhere = create(other, "Chalmers", "Petra", "1990-01-01");
    }

    @Test
    void theProviderFindsThePatientByNameAndTheTokenCarriesIt() {
        Browser browser = new Browser();
        String verifier = Clinic.random(48);
        Response consent = signIn(browser, verifier);
        consent.then().statusCode(200).body(containsString("Chalmers, Peter, born 1974-12-25"))
                .body(containsString("Wolf, Amy"));
        assertEquals(List.of(chalmers, wolf), options(consent), "the clinic's patients, by family name");

        Response found = browser.post(consent, Map.of("decision", "find", "patient-query", "chalm"));
        found.then().statusCode(200);
        assertEquals(List.of(chalmers), options(found), "only the patients whose name matches");

        Response back = browser.post(found, Map.of("decision", "allow", "patient", chalmers));
        String code = query(back.header("Location")).get("code");
        given().auth().preemptive().basic(clinic.providerApp, clinic.providerAppSecret)
                .formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", clinic.redirectUri).formParam("code_verifier", verifier)
                .post(clinic.issuer("provider") + "/token").then().statusCode(200)
                .body("patient", equalTo(chalmers)).body("need_patient_banner", equalTo(true));
    }

    @Test
    void aPatientOfAnotherClinicCannotBePicked() {
        Browser browser = new Browser();
        Response consent = signIn(browser, Clinic.random(48));
        Response refused = browser.post(consent, Map.of("decision", "allow", "patient", elsewhere));
        refused.then().statusCode(200).body(containsString("Choose the patient from the list"));
        assertNull(refused.header("Location"), "no code for a patient this clinic does not have");

        Response unknown = browser.post(refused, Map.of("decision", "allow", "patient", "no-such-patient"));
        unknown.then().statusCode(200).body(containsString("Choose the patient from the list"));
        assertTrue(options(unknown).contains(chalmers), "the page still offers the clinic's patients");
    }

    private static Response signIn(Browser browser, String verifier) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", clinic.providerApp);
        params.put("redirect_uri", clinic.redirectUri);
        params.put("scope", SCOPE);
        params.put("state", "pick");
        params.put("aud", clinic.fhirBase("provider"));
        params.put("code_challenge", Clinic.challenge(verifier));
        params.put("code_challenge_method", "S256");
        Response login = browser.follow(given().redirects().follow(false).queryParams(params)
                .get(clinic.issuer("provider") + "/authorize"));
        return browser.follow(browser.post(login, Map.of("email", clinic.provider.email(), "password",
                clinic.provider.password())));
    }

    private static String create(FhirTenant fhir, String family, String given, String birthDate) throws Exception {
        String body = new JsonObject().put("resourceType", "Patient").put("birthDate", birthDate)
                .put("name", new JsonArray().add(new JsonObject().put("family", family)
                        .put("given", new JsonArray().add(given))))
                .encode();
        var response = fhir.post("/Patient", body);
        assertEquals(201, response.statusCode(), response.body());
        return new JsonObject(response.body()).getString("id");
    }

    private static List<String> options(Response page) {
        List<String> ids = new ArrayList<>();
        Matcher m = PATIENT_OPTION.matcher(page.asString());
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static Map<String, String> query(String url) {
        assertTrue(url != null && url.startsWith(clinic.redirectUri), "redirected to the app: " + url);
        return Browser.query(url);
    }
}
