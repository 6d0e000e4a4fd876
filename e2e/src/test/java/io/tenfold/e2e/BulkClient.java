package io.tenfold.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;

/**
 * A FHIR Bulk Data client of one tenant, as a backend service drives it: kick-off with {@code Prefer:
 * respond-async}, polling the status URL until the manifest, downloading the NDJSON files, all with one bearer
 * token of the tenant's provider authorization server.
 */
final class BulkClient {

    static final String NDJSON = "application/fhir+ndjson";
    /** How long bulk-service may take to learn a new client or policy from the registry (through Kafka). */
    private static final Duration SETTLE = Duration.ofSeconds(30);
    /** How long a small export may run. */
    private static final Duration EXPORT = Duration.ofSeconds(120);

    /** {@code {base}/tenant/{t}/bulk-api}. */
    final String base;
    final String token;

    BulkClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The clinic's backend service with its registered scope ({@code system/*.rs}). */
    static BulkClient of(Clinic clinic) {
        return of(clinic, Clinic.BACKEND_SCOPE);
    }

    /** The clinic's backend service with a token of {@code scope}. */
    static BulkClient of(Clinic clinic, String scope) {
        return new BulkClient(base(clinic), token(clinic, clinic.backend, clinic.ecKey, scope));
    }

    static String base(Clinic clinic) {
        return clinic.base + "/tenant/" + clinic.id + "/bulk-api";
    }

    /** The same bulk API with another bearer token. */
    BulkClient withToken(String other) {
        return new BulkClient(base, other);
    }

    /**
     * A provider-audience access token of a backend service (client_credentials, private_key_jwt), waiting while
     * auth-service does not know the client yet.
     */
    static String token(Clinic clinic, String clientId, ClientKeys key, String scope) {
        String endpoint = clinic.issuer("provider") + "/token";
        Response issued = await().atMost(SETTLE).pollInterval(Duration.ofMillis(200))
                .until(() -> given().formParam("grant_type", "client_credentials").formParam("scope", scope)
                        .formParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                        .formParam("client_assertion", key.assertion(clientId, endpoint)).post(endpoint),
                        response -> response.statusCode() == 200);
        return issued.path("access_token");
    }

    /**
     * {@code GET {base}{path}?{query}} as a kick-off, with {@code Accept: application/fhir+json} and
     * {@code Prefer: respond-async}.
     */
    Response kickOff(String path, String query) {
        return request().header("Prefer", "respond-async").get(url(path, query));
    }

    /** The same kick-off without {@code Prefer: respond-async}. */
    Response kickOffWithoutPrefer(String path, String query) {
        return request().get(url(path, query));
    }

    /**
     * Starts an export and answers its status URL. The first requests of a new client may be refused while
     * bulk-service has not yet seen its tenant's clients and policies (it follows the registry through Kafka): a
     * 401 or 403 is asked again for a while, then the answer must be 202 with an absolute {@code Content-Location}.
     */
    String start(String path, String query) {
        return started(path + "?" + query, () -> kickOff(path, query));
    }

    /** Starts an export with a {@code POST} of a FHIR {@code Parameters} body, as {@link #start} does. */
    String startPosted(String path, JsonObject parameters) {
        return started("POST " + path + " " + parameters.encode(), () -> request().header("Prefer", "respond-async")
                .contentType("application/fhir+json; charset=UTF-8").body(parameters.encode()).post(url(path, null)));
    }

    private String started(String what, Callable<Response> kickOff) {
        Response accepted = settled(kickOff);
        assertEquals(202, accepted.statusCode(), "kick-off " + what + ": " + accepted.asString());
        String status = accepted.header("Content-Location");
        assertNotNull(status, "a 202 kick-off names its status URL");
        assertTrue(status.startsWith(base + "/$export-status/"), "an absolute status URL of this tenant: " + status);
        return status;
    }

    /** Sends the request until its answer is neither 401 nor 403 (or the time is up), and answers the last answer. */
    static Response settled(Callable<Response> request) {
        return await().atMost(SETTLE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                .until(request, response -> response.statusCode() != 401 && response.statusCode() != 403);
    }

    /** {@code GET} of the status URL. */
    Response status(String statusUrl) {
        return request().get(statusUrl);
    }

    /** {@code DELETE} of the status URL: cancels the job, or deletes its files. */
    Response cancel(String statusUrl) {
        return request().delete(statusUrl);
    }

    /** {@code GET} of any URL of the bulk API with this client's token. */
    Response get(String url) {
        return request().get(url);
    }

    /**
     * Polls the status URL until the job is done and answers its manifest. While it runs, each answer is a 202 with
     * {@code X-Progress} and {@code Retry-After}.
     */
    JsonObject awaitManifest(String statusUrl) {
        Response done = await().atMost(EXPORT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                .until(() -> status(statusUrl), response -> {
                    if (response.statusCode() != 202) {
                        return true;
                    }
                    assertNotNull(response.header("X-Progress"), "a running job says how far it is");
                    assertNotNull(response.header("Retry-After"), "a running job says when to ask again");
                    return false;
                });
        assertEquals(200, done.statusCode(), "the finished job: " + done.asString());
        assertTrue(done.contentType().startsWith("application/json"), done.contentType());
        return new JsonObject(done.asString());
    }

    /**
     * Downloads every file of the manifest; answers the resources by output type, in order. Each output's
     * {@code count} must be its number of lines, and each line a resource of the output's type.
     */
    Map<String, List<JsonObject>> downloadAll(JsonObject manifest) {
        Map<String, List<JsonObject>> byType = new LinkedHashMap<>();
        for (Object item : manifest.getJsonArray("output")) {
            JsonObject output = (JsonObject) item;
            String type = output.getString("type");
            String url = output.getString("url");
            assertTrue(URI.create(url).isAbsolute(), "an absolute file URL: " + url);
            List<JsonObject> lines = download(url);
            assertEquals(output.getInteger("count"), lines.size(), "count of " + url);
            for (JsonObject resource : lines) {
                assertEquals(type, resource.getString("resourceType"), "a line of the " + type + " file " + url);
            }
            byType.computeIfAbsent(type, t -> new ArrayList<>()).addAll(lines);
        }
        return byType;
    }

    /** One NDJSON file: 200, {@code application/fhir+ndjson}, one resource a line. */
    List<JsonObject> download(String url) {
        Response file = given().urlEncodingEnabled(false).auth().oauth2(token).header("Accept", NDJSON).get(url);
        assertEquals(200, file.statusCode(), url + ": " + file.asString());
        assertTrue(file.contentType().startsWith(NDJSON), url + " is " + file.contentType());
        List<JsonObject> resources = new ArrayList<>();
        for (String line : file.asString().split("\n")) {
            if (!line.isBlank()) {
                resources.add(new JsonObject(line));
            }
        }
        return resources;
    }

    private RequestSpecification request() {
        return given().urlEncodingEnabled(false).auth().oauth2(token).header("Accept", "application/fhir+json");
    }

    private String url(String path, String query) {
        return base + path + (query == null || query.isEmpty() ? "" : "?" + query);
    }
}
