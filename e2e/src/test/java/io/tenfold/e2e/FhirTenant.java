package io.tenfold.e2e;

import static io.restassured.RestAssured.given;
import static io.tenfold.e2e.RunningPlatform.operator;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A tenant for the FHIR API tests, registered through the operator API as the bench's {@code FhirTarget} does it: the
 * tenant, a backend service with a secret allowed {@code system/*.cruds} (tokens for an hour) and an {@code allow}
 * policy linking it. {@link #open} returns once the tenant's provider FHIR API accepts the client's token.
 */
final class FhirTenant {

    static final String SCOPE = "system/*.cruds";
    private static final Duration WITHIN = Duration.ofSeconds(60);

    final String id;
    final String client;
    private final String secret;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private volatile String token;

    private FhirTenant(String id, String base) {
        this.id = id;
        this.client = "fhir-e2e-" + id;
        this.secret = Clinic.random(24);
        this.base = base;
    }

    /** A new tenant, live, with a token of its backend service. */
    static FhirTenant open(String prefix) throws Exception {
        FhirTenant tenant = new FhirTenant(prefix + "-" + UUID.randomUUID().toString().substring(0, 8),
                RunningPlatform.get().baseUrl());
        tenant.register();
        return tenant;
    }

    /** A backend service (with its token) registered in an existing, ready tenant. */
    static FhirTenant attach(String tenantId) throws Exception {
        FhirTenant tenant = new FhirTenant(tenantId, RunningPlatform.get().baseUrl());
        tenant.registerClient();
        return tenant;
    }

    /** The provider FHIR API of this tenant. */
    String fhirBase() {
        return base + "/tenant/" + id + "/provider/smart-api";
    }

    /** The access token (an hour long, longer than any of these tests). */
    String token() {
        return token;
    }

    private void register() throws Exception {
        JsonObject meta = new JsonObject().put("tenant", new JsonObject().put("resourceType", "Tenant").put("id", id));
        put("/Tenant/" + id, new JsonObject().put("resourceType", "Tenant").put("id", id).put("name", "FHIR " + id));
        await().atMost(WITHIN).untilAsserted(() -> operator().get("/Tenant/" + id).then().statusCode(200)
                .body("provisioning.status", equalTo("ready")));
        registerClient();
    }

    private void registerClient() throws Exception {
        JsonObject meta = new JsonObject().put("tenant", new JsonObject().put("resourceType", "Tenant").put("id", id));
        put("/Client/" + client, new JsonObject().put("resourceType", "Client").put("id", client).put("meta", meta)
                .put("type", "backend-service").put("name", "FHIR e2e backend")
                .put("grant_types", new JsonArray().add("client_credentials")).put("secret", secret)
                .put("auth", new JsonObject().put("client_credentials",
                        new JsonObject().put("access_token_expiration", 3600).put("token_format", "jwt")))
                .put("scope", SCOPE));
        put("/AccessPolicy/" + client, new JsonObject().put("resourceType", "AccessPolicy").put("id", client)
                .put("meta", meta).put("engine", "allow")
                .put("link", new JsonArray().add(new JsonObject().put("resourceType", "Client").put("id", client))));
        token = await().atMost(WITHIN).pollInterval(Duration.ofMillis(200)).until(this::requestToken, t -> t != null);
        // the FHIR API follows the registry through Kafka: wait until it knows the tenant and its policy, that is
        // until a read of a missing Patient is answered as exactly that
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(200))
                .until(() -> get("/Patient/probe-" + id).body(), body -> body.contains("\"resource-not-found\""));
    }

    /** A new access token of the backend service; null while auth-service does not know the client yet. */
    String requestToken() {
        Response r = given().auth().preemptive().basic(client, secret).formParam("grant_type", "client_credentials")
                .formParam("scope", SCOPE).post(base + "/tenant/" + id + "/provider/auth/token");
        return r.statusCode() == 200 ? r.path("access_token") : null;
    }

    /** Revokes one of the backend service's tokens at the authorization server (RFC 7009). */
    void revoke(String accessToken) {
        given().auth().preemptive().basic(client, secret).formParam("token", accessToken)
                .post(base + "/tenant/" + id + "/provider/auth/revoke").then().statusCode(200);
    }

    private static void put(String path, JsonObject body) throws Exception {
        operator().contentType("application/json").body(body.encode()).put(path).then().statusCode(201);
    }

    /** {@code GET {fhirBase}{path}} with the token, as a plain HTTP client sees it. */
    HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(fhirBase() + path)).GET());
    }

    /** {@code PUT {fhirBase}{path}} of a FHIR JSON body with the token. */
    HttpResponse<String> put(String path, String body, boolean unused) throws Exception {
        return request("PUT", path, "application/fhir+json", body);
    }

    /** {@code POST {fhirBase}{path}} of a FHIR JSON body with the token. */
    HttpResponse<String> post(String path, String body) throws Exception {
        return request("POST", path, "application/fhir+json", body);
    }

    /** Any request below the FHIR base with the token; {@code body} null sends none. */
    HttpResponse<String> request(String method, String path, String contentType, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fhirBase() + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("Authorization", "Bearer " + token).header("Accept", "application/fhir+json")
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * Whether the API serves search: {@code GET Patient?_id=…} answers 200. Until search lands, fhir-service has no
     * such route and answers 404 or 405.
     */
    boolean searches() throws Exception {
        return get("/Patient?_id=capability-probe").statusCode() == 200;
    }

    /**
     * Whether the API serves transactions: {@code POST} of a one-entry transaction Bundle to the base answers 200.
     * Until transactions land, fhir-service has no such route and answers 404 or 405.
     */
    boolean transacts() throws Exception {
        String bundle = new JsonObject().put("resourceType", "Bundle").put("type", "transaction")
                .put("entry", new JsonArray().add(new JsonObject()
                        .put("fullUrl", "urn:uuid:" + UUID.randomUUID())
                        .put("resource", new JsonObject().put("resourceType", "Basic")
                                .put("code", new JsonObject().put("text", "transaction probe")))
                        .put("request", new JsonObject().put("method", "POST").put("url", "Basic"))))
                .encode();
        return post("", bundle).statusCode() == 200;
    }
}
