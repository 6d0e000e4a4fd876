package io.tenfold.bench;

import java.io.PrintStream;
import java.time.Duration;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Tenfold's operator API as the bench uses it: idempotent {@code PUT}s of {@code Tenant}, {@code Client} and
 * {@code AccessPolicy} (Aidbox Smartbox shapes), so that running a suite twice changes nothing, and
 * {@code POST /Tenant}. It authenticates with an operator bearer token, which the operator client (the bootstrap
 * one or a registered one) gets from the operator issuer, {@code POST {base}/auth/token} with
 * {@code client_credentials}, and which is renewed as it ages.
 */
final class Operator {

    static final String TOKEN_PATH = "/auth/token";
    private static final Duration WITHIN = Duration.ofSeconds(30);

    private final Http http;
    private final AccessToken token;

    private Operator(Http http, AccessToken token) {
        this.http = http;
        this.token = token;
    }

    /**
     * The operator client {@code operatorId}, once it has its first token: waits up to 30 s for the issuer to
     * answer, but a refusal (wrong id or secret) fails at once.
     */
    static Operator connect(Http http, String operatorId, String operatorSecret, PrintStream log) throws Exception {
        return new Operator(http, AccessToken.clientCredentials(http, TOKEN_PATH, operatorId, operatorSecret,
                "operator", false, log));
    }

    /** A tenant's reference, as {@code Client}, {@code User} and {@code AccessPolicy} carry it. */
    static JsonObject tenant(String id) {
        return new JsonObject().put("resourceType", "Tenant").put("id", id);
    }

    static JsonObject tenantResource(String id, String name) {
        return tenant(id).put("name", name);
    }

    /** A backend service that authenticates with a secret and may get {@code scope} through client_credentials. */
    static JsonObject backendClient(String tenant, String name, String secret, String scope) {
        return new JsonObject().put("resourceType", "Client").put("type", "backend-service").put("name", name)
                .put("grant_types", new JsonArray().add("client_credentials")).put("secret", secret)
                .put("scope", scope).put("tenant", tenant(tenant))
                .put("auth", new JsonObject().put("client_credentials",
                        new JsonObject().put("access_token_expiration", 300).put("token_format", "jwt")));
    }

    /** An {@code allow} policy linking the given clients. */
    static JsonObject allowClients(String tenant, String... clientIds) {
        JsonArray links = new JsonArray();
        for (String id : clientIds) {
            links.add(new JsonObject().put("resourceType", "Client").put("id", id));
        }
        return new JsonObject().put("resourceType", "AccessPolicy").put("engine", "allow").put("tenant", tenant(tenant))
                .put("link", links);
    }

    /** {@code PUT path}, waiting for the answer; anything but 2xx fails. */
    void put(String path, JsonObject body) throws Exception {
        Http.await(putAsync(path, body), WITHIN);
    }

    Future<Void> putAsync(String path, JsonObject body) {
        return send(HttpMethod.PUT, path, body).compose(reply -> reply.status() / 100 == 2
                ? Future.succeededFuture()
                : Future.failedFuture(failure("PUT " + path, reply)));
    }

    /**
     * {@code POST /Tenant} of a new tenant; yields true when it was created (201), false when a tenant of that id
     * already exists (409, e.g. from an earlier run), and fails on anything else.
     */
    Future<Boolean> createTenant(String id, String name) {
        return send(HttpMethod.POST, "/Tenant", tenantResource(id, name)).compose(reply -> switch (reply.status()) {
            case 201 -> Future.succeededFuture(true);
            case 409 -> Future.succeededFuture(false);
            default -> Future.failedFuture(failure("POST /Tenant " + id, reply));
        });
    }

    private Future<Http.Reply> send(HttpMethod method, String path, JsonObject body) {
        return http.send(method, path, Http.headers("Authorization", token.header(), "Content-Type",
                "application/json", "Accept", "application/json"), body.toBuffer());
    }

    private static IllegalStateException failure(String what, Http.Reply reply) {
        return new IllegalStateException(what + " → " + reply.status() + ": " + reply.text());
    }
}
