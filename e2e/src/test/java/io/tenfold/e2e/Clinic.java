package io.tenfold.e2e;

import static io.restassured.RestAssured.given;
import static io.tenfold.e2e.RunningPlatform.operator;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;
import io.tenfold.local.infra.Ports;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A clinic set up through the operator API as an operator would: a tenant, a patient and a provider who can sign
 * in, a public patient-facing SMART app (PKCE, refresh tokens), a confidential provider-facing app with a secret,
 * a backend service with registered public keys (ES384 and RS384, made here), and an {@code allow} access policy
 * linking the three. {@link #open} returns once auth-service acts on all of it.
 */
final class Clinic {

    static final String PATIENT_APP_SCOPE = "launch/patient openid fhirUser patient/*.rs offline_access";
    static final String PROVIDER_APP_SCOPE = "launch/patient openid fhirUser user/*.rs offline_access";
    static final String BACKEND_SCOPE = "system/*.rs";
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final Pattern HIDDEN = Pattern.compile(
            "<input type=\"hidden\" name=\"(request|csrf)\" value=\"([^\"]*)\">");

    /** Someone who signs in. */
    record Person(String userId, String email, String password, String fhirType, String fhirId) {
    }

    final String id;
    final String name;
    final String base;
    /** Where the apps' users are sent back to: a loopback port nothing listens on (the clients catch it). */
    final String redirectUri;
    final Person patient;
    final Person provider;
    final String patientApp;
    final String providerApp;
    final String providerAppSecret;
    final String backend;
    final ClientKeys ecKey;
    final ClientKeys rsaKey;

    private Clinic(String id, String base) {
        this.id = id;
        this.name = "Clinic " + id;
        this.base = base;
        this.redirectUri = "http://127.0.0.1:" + Ports.free() + "/callback";
        this.patient = new Person("pat-" + id, "pat." + id + "@example.org", "patient pass " + random(9), "Patient",
                "pt-" + id);
        this.provider = new Person("dr-" + id, "dr." + id + "@example.org", "provider pass " + random(9),
                "Practitioner", "pr-" + id);
        this.patientApp = "growth-" + id;
        this.providerApp = "chart-" + id;
        this.providerAppSecret = "secret-" + random(24);
        this.backend = "export-" + id;
        this.ecKey = ClientKeys.es384("ec-" + id);
        this.rsaKey = ClientKeys.rs384("rsa-" + id);
    }

    /** A new clinic, registered and live in every service. */
    static Clinic open(String prefix) throws Exception {
        Clinic clinic = new Clinic(prefix + "-" + UUID.randomUUID().toString().substring(0, 8),
                RunningPlatform.get().baseUrl());
        clinic.register();
        clinic.awaitLive();
        return clinic;
    }

    /** Stores the Patient the clinic's patient user is, in its FHIR API, through a backend service of its own. */
    void storePatientRecord() throws Exception {
        FhirTenant backend = FhirTenant.attach(id);
        int status = backend.put("/Patient/" + patient.fhirId(), new JsonObject().put("resourceType", "Patient")
                .put("id", patient.fhirId()).put("name", new JsonArray().add(new JsonObject().put("family", "Chalmers")
                        .put("given", new JsonArray().add("Peter")))).encode(), true).statusCode();
        if (status != 201) {
            throw new AssertionError("storing " + patient.fhirId() + " answered " + status);
        }
    }

    String fhirBase(String audience) {
        return base + "/tenant/" + id + "/" + audience + "/smart-api";
    }

    String issuer(String audience) {
        return base + "/tenant/" + id + "/" + audience + "/auth";
    }

    String fhirUser(String audience, Person person) {
        return fhirBase(audience) + "/" + person.fhirType() + "/" + person.fhirId();
    }

    private JsonObject tenantMeta() {
        return new JsonObject().put("tenant", new JsonObject().put("resourceType", "Tenant").put("id", id));
    }

    private void register() throws Exception {
        put("/Tenant/" + id, new JsonObject().put("resourceType", "Tenant").put("id", id).put("name", name));
        await().atMost(WITHIN).untilAsserted(() -> operator().get("/Tenant/" + id).then().statusCode(200)
                .body("provisioning.status", equalTo("ready")));
        for (Person person : new Person[] { patient, provider }) {
            put("/User/" + person.userId(), new JsonObject().put("resourceType", "User").put("id", person.userId())
                    .put("meta", tenantMeta()).put("email", person.email()).put("password", person.password())
                    .put("name", new JsonObject().put("givenName", person.fhirType()).put("familyName", id))
                    .put("roles", new JsonArray().add(new JsonObject().put("type",
                            person == patient ? "patient" : "provider")))
                    .put("fhirUser", new JsonObject().put("resourceType", person.fhirType())
                            .put("id", person.fhirId())));
        }
        put("/Client/" + patientApp, new JsonObject().put("resourceType", "Client").put("id", patientApp)
                .put("meta", tenantMeta()).put("type", "patient-facing-smart-app").put("name", "Growth Chart")
                .put("grant_types", new JsonArray().add("authorization_code"))
                .put("auth", new JsonObject().put("authorization_code", new JsonObject()
                        .put("redirect_uri", redirectUri).put("pkce", true).put("refresh_token", true)))
                .put("scope", PATIENT_APP_SCOPE));
        put("/Client/" + providerApp, new JsonObject().put("resourceType", "Client").put("id", providerApp)
                .put("meta", tenantMeta()).put("type", "provider-facing-smart-app").put("name", "Chart Review")
                .put("grant_types", new JsonArray().add("authorization_code").add("refresh_token"))
                .put("secret", providerAppSecret)
                .put("auth", new JsonObject().put("authorization_code", new JsonObject()
                        .put("redirect_uri", new JsonArray().add(redirectUri)).put("secret_required", true)
                        .put("pkce", true).put("access_token_expiration", 600)))
                .put("scope", PROVIDER_APP_SCOPE));
        put("/Client/" + backend, new JsonObject().put("resourceType", "Client").put("id", backend)
                .put("meta", tenantMeta()).put("type", "backend-service").put("name", "Nightly Export")
                .put("grant_types", new JsonArray().add("client_credentials"))
                .put("auth", new JsonObject().put("client_credentials",
                        new JsonObject().put("access_token_expiration", 300)))
                .put("jwks", new JsonObject().put("keys", new JsonArray().add(ecKey.publicJwk())
                        .add(rsaKey.publicJwk())))
                .put("scope", BACKEND_SCOPE));
        put("/AccessPolicy/apps-" + id, new JsonObject().put("resourceType", "AccessPolicy").put("id", "apps-" + id)
                .put("meta", tenantMeta()).put("engine", "allow")
                .put("link", new JsonArray().add(link(patientApp)).add(link(providerApp)).add(link(backend))));
    }

    private static JsonObject link(String clientId) {
        return new JsonObject().put("resourceType", "Client").put("id", clientId);
    }

    private static void put(String path, JsonObject body) throws Exception {
        operator().contentType("application/json").body(body.encode()).put(path).then().statusCode(201);
    }

    /**
     * Waits until auth-service acts on the registrations, asking as their users would: each app's authorize
     * request leads to the sign-in page, the backend service gets a token, each person can sign in.
     */
    private void awaitLive() {
        await().atMost(WITHIN).untilAsserted(() -> {
            authorizeLeadsToLogin("patient", patientApp);
            authorizeLeadsToLogin("provider", providerApp);
        });
        await().atMost(WITHIN).untilAsserted(() -> given().formParam("grant_type", "client_credentials")
                .formParam("scope", BACKEND_SCOPE)
                .formParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .formParam("client_assertion", ecKey.assertion(backend, issuer("provider") + "/token"))
                .post(issuer("provider") + "/token").then().statusCode(200));
        // A failed sign-in counts towards the login throttle (ten per quarter hour): ask once a second at most.
        await().atMost(Duration.ofSeconds(8)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                .until(() -> signsIn("patient", patientApp, patient) && signsIn("provider", providerApp, provider));
    }

    Response authorize(String audience, String clientId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", redirectUri);
        params.put("scope", "openid");
        params.put("state", "probe");
        params.put("aud", fhirBase(audience));
        params.put("code_challenge", challenge(random(32)));
        params.put("code_challenge_method", "S256");
        return given().redirects().follow(false).queryParams(params).get(issuer(audience) + "/authorize");
    }

    private void authorizeLeadsToLogin(String audience, String clientId) {
        Response response = authorize(audience, clientId);
        if (response.statusCode() != 303 || !response.header("Location").contains("/login?request=")) {
            throw new AssertionError(clientId + " not live yet: " + response.statusCode() + " "
                    + response.header("Location"));
        }
    }

    boolean signsIn(String audience, String clientId, Person person) {
        URI location = URI.create(authorize(audience, clientId).header("Location"));
        String login = location.getRawPath() + "?" + location.getRawQuery();
        String page = given().redirects().follow(false).get(login).asString();
        Map<String, String> hidden = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(page);
        while (m.find()) {
            hidden.put(m.group(1), m.group(2));
        }
        Response posted = given().redirects().follow(false).formParams(hidden).formParam("email", person.email())
                .formParam("password", person.password()).post(issuer(audience) + "/login");
        return posted.statusCode() == 303 && posted.header("Location").contains("/consent?request=");
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
