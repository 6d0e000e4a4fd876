package io.tenfold.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * FHIR R4 REST (JSON) against one base, as any server serves it: {@code application/fhir+json} both ways, the
 * access token's header when there is one, {@code Prefer: return=minimal} on writes.
 */
final class FhirClient {

    private static final String FHIR_JSON = "application/fhir+json";
    private static final int SNIPPET = 200;
    private static final Map<String, Pattern> LOCATIONS = new ConcurrentHashMap<>();

    private final Http http;
    private final AccessToken token;

    FhirClient(Http http, AccessToken token) {
        this.http = http;
        this.token = token;
    }

    String base() {
        return http.baseUrl();
    }

    Http http() {
        return http;
    }

    AccessToken token() {
        return token;
    }

    Future<Http.Reply> get(String pathAndQuery) {
        return http.send(HttpMethod.GET, pathAndQuery, headers(), null);
    }

    /** {@code POST [base]/[type]}: a create, answered without the resource. */
    Future<Http.Reply> create(String type, JsonObject resource) {
        MultiMap headers = headers().add("Content-Type", FHIR_JSON).add("Prefer", "return=minimal");
        return http.send(HttpMethod.POST, "/" + type, headers, resource.toBuffer());
    }

    /** {@code POST [base]} of a Bundle (transaction or batch). */
    Future<Http.Reply> bundle(JsonObject bundle) {
        MultiMap headers = headers().add("Content-Type", FHIR_JSON).add("Prefer", "return=minimal");
        return http.send(HttpMethod.POST, http.basePath().isEmpty() ? "/" : "", headers, bundle.toBuffer());
    }

    private MultiMap headers() {
        return Http.headers("Accept", FHIR_JSON, "Authorization", token.header());
    }

    /**
     * The id of a create's answer: {@code 201 Created} with a {@code Location} of the new resource (FHIR's
     * create interaction); anything else fails with what the server said.
     */
    static Future<String> createdId(String type, Http.Reply reply) {
        if (reply.status() != 201) {
            return unexpected("POST " + type, reply);
        }
        String id = idIn(reply.headers().get("Location"), type);
        return id == null ? Future.failedFuture(new IllegalStateException("POST " + type
                + " → 201 without a Location of a " + type + " (" + reply.headers().get("Location") + ")"))
                : Future.succeededFuture(id);
    }

    /**
     * The entries of a {@code transaction-response} to a transaction of {@code expected} entries, each of which
     * must have succeeded; anything else fails with what the server said.
     */
    static Future<JsonArray> transactionEntries(Http.Reply reply, int expected) {
        if (reply.status() != 200) {
            return unexpected("POST transaction", reply);
        }
        JsonObject bundle = new JsonObject(reply.body());
        JsonArray entries = bundle.getJsonArray("entry", new JsonArray());
        if (!"transaction-response".equals(bundle.getString("type")) || entries.size() != expected) {
            return Future.failedFuture(new IllegalStateException("POST transaction → 200 but not a transaction-"
                    + "response of " + expected + " entries: type " + bundle.getString("type") + ", "
                    + entries.size() + " entries"));
        }
        for (int i = 0; i < entries.size(); i++) {
            JsonObject response = entries.getJsonObject(i).getJsonObject("response", new JsonObject());
            String status = response.getString("status", "");
            if (!status.startsWith("2")) {
                return Future.failedFuture(new IllegalStateException("POST transaction → 200 with an entry answered '"
                        + status + "'"));
            }
        }
        return Future.succeededFuture(entries);
    }

    /** The id of a {@code type} in an absolute or relative {@code [type]/[id](/_history/[vid])} URL, or null. */
    static String idIn(String location, String type) {
        if (location == null) {
            return null;
        }
        Matcher m = LOCATIONS.computeIfAbsent(type, t -> Pattern.compile("(?:^|/)" + t
                + "/([A-Za-z0-9\\-.]{1,64})(?:/|$|\\?)")).matcher(location);
        return m.find() ? m.group(1) : null;
    }

    static <T> Future<T> unexpected(String what, Http.Reply reply) {
        String text = reply.text().replaceAll("\\s+", " ");
        return Future.failedFuture(new IllegalStateException(what + " → " + reply.status()
                + (text.isEmpty() ? "" : ": " + (text.length() > SNIPPET ? text.substring(0, SNIPPET) + "…" : text))));
    }
}
