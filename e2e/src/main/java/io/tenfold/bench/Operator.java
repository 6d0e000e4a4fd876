package io.tenfold.bench;

import java.time.Duration;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Tenfold's operator API as the bench uses it: idempotent {@code PUT}s of {@code Tenant}, {@code Client} and
 * {@code AccessPolicy} (Aidbox Smartbox shapes) with HTTP Basic, so that running a suite twice changes nothing.
 */
final class Operator {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    private final Http http;
    private final String authorization;

    Operator(Http http, String operatorId, String operatorSecret) {
        this.http = http;
        this.authorization = Http.basic(operatorId, operatorSecret);
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
        return http.send(HttpMethod.PUT, path, Http.headers("Authorization", authorization, "Content-Type",
                "application/json"), body.toBuffer()).compose(reply -> reply.status() / 100 == 2
                        ? Future.succeededFuture()
                        : Future.failedFuture(new IllegalStateException("PUT " + path + " → " + reply.status() + ": "
                                + reply.text())));
    }
}
