package io.tenfold.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A throwaway stand-in for the servers the bench talks to (JDK {@code HttpServer}, nothing stored): a plain FHIR
 * R4 base at {@code /fhir}, and the parts of a Tenfold the bench uses: the operator issuer, the operator API's
 * {@code PUT}s and {@code POST /Tenant}, a tenant's provider token endpoint and its provider FHIR base. It answers
 * each interaction the way FHIR says (201 with a {@code Location} on create, searchset and transaction-response
 * Bundles) and refuses what a real server would refuse (a body of the wrong type, a missing or wrong token), so a
 * bench run against it has errors exactly when the bench's requests are wrong.
 */
final class FakeFhirServer implements AutoCloseable {

    static final String OPERATOR_ID = "operator";
    static final String OPERATOR_SECRET = "operator-secret-for-tests";
    static final String OPERATOR_TOKEN = "operator-token";
    private static final Pattern TENANT_FHIR = Pattern.compile("^/tenant/([a-z0-9\\-]+)/provider/smart-api(/.*)?$");
    private static final Pattern TENANT_TOKEN = Pattern.compile("^/tenant/([a-z0-9\\-]+)/provider/auth/token$");
    private static final Pattern TENANT_JWKS = Pattern.compile("^/tenant/([a-z0-9\\-]+)/provider/auth/jwks$");
    private static final Pattern REGISTRY = Pattern.compile("^/(Tenant|Client|AccessPolicy)/([A-Za-z0-9\\-.]+)$");
    private static final String LOINC = "http://loinc.org";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final AtomicLong ids = new AtomicLong();
    /** The bearer tokens a plain FHIR base accepts; empty: no Authorization needed (and none expected). */
    private final String fhirToken;
    /** Operator API writes, by path; clients' secrets, by client id; tenants created by POST. */
    final Map<String, JsonObject> registry = new ConcurrentHashMap<>();
    final Set<String> postedTenants = ConcurrentHashMap.newKeySet();
    /** The Authorization headers the FHIR bases got ("" for none), and every request line answered. */
    final Set<String> fhirAuthorizations = ConcurrentHashMap.newKeySet();
    final List<String> refusals = new CopyOnWriteArrayList<>();
    final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    /** {@code fhirToken}: the token {@code /fhir} requires, or null for a server without authorization. */
    FakeFhirServer(String fhirToken) throws IOException {
        this.fhirToken = fhirToken;
        // without it, the JDK's server writes headers and body with Nagle on: 40 ms a response (delayed ACKs)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long count(String interaction) {
        return counts.getOrDefault(interaction, new AtomicLong()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Answer answer;
            try {
                answer = route(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"),
                        new String(body, StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                answer = new Answer(400, outcome("bad request: " + e), Map.of());
            }
            if (answer.status() / 100 != 2) {
                refusals.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " → " + answer.status()
                        + " " + answer.body());
            }
            byte[] out = answer.body() == null ? new byte[0] : answer.body().encode().getBytes(StandardCharsets.UTF_8);
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    private record Answer(int status, JsonObject body, Map<String, String> headers) {

        static Answer of(int status, JsonObject body) {
            return new Answer(status, body, Map.of());
        }
    }

    private Answer route(String method, String path, String query, String authorization, String body) {
        if (path.equals("/auth/token") && method.equals("POST")) {
            if (!basic(OPERATOR_ID, OPERATOR_SECRET).equals(authorization)) {
                return Answer.of(401, new JsonObject().put("error", "invalid_client"));
            }
            return Answer.of(200, token(OPERATOR_TOKEN, 3600));
        }
        Matcher jwks = TENANT_JWKS.matcher(path);
        if (jwks.matches() && method.equals("GET")) {
            if (!postedTenants.contains(jwks.group(1)) && !registry.containsKey("/Tenant/" + jwks.group(1))) {
                return Answer.of(404, outcome("unknown tenant"));
            }
            counted("jwks");
            return Answer.of(200, new JsonObject().put("keys", new JsonArray()));
        }
        Matcher m = TENANT_TOKEN.matcher(path);
        if (m.matches() && method.equals("POST")) {
            for (Map.Entry<String, JsonObject> client : registry.entrySet()) {
                String id = client.getKey().replaceFirst("^/Client/", "");
                JsonObject c = client.getValue();
                if (client.getKey().startsWith("/Client/") && m.group(1).equals(c.getJsonObject("tenant").getString("id"))
                        && basic(id, c.getString("secret")).equals(authorization)
                        && registry.containsKey("/AccessPolicy/" + id)) {
                    return Answer.of(200, token("fhir-token-" + m.group(1), 300));
                }
            }
            return Answer.of(401, new JsonObject().put("error", "invalid_client"));
        }
        if (path.equals("/Tenant") || REGISTRY.matcher(path).matches()) {
            if (!("Bearer " + OPERATOR_TOKEN).equals(authorization)) {
                return Answer.of(401, outcome("operator credentials required"));
            }
            JsonObject resource = new JsonObject(body);
            if (path.equals("/Tenant") && method.equals("POST")) {
                return postedTenants.add(resource.getString("id")) ? Answer.of(201, resource)
                        : Answer.of(409, outcome("exists"));
            }
            Matcher r = REGISTRY.matcher(path);
            if (method.equals("PUT") && r.matches() && r.group(1).equals(resource.getString("resourceType"))) {
                boolean created = registry.put(path, resource) == null;
                return Answer.of(created ? 201 : 200, resource);
            }
            return Answer.of(400, outcome("not an operator API call"));
        }
        if (path.equals("/fhir") || path.startsWith("/fhir/")) {
            String expected = fhirToken == null ? "" : "Bearer " + fhirToken;
            fhirAuthorizations.add(authorization == null ? "" : authorization);
            if (fhirToken != null && !expected.equals(authorization)) {
                return Answer.of(401, outcome("a bearer token is required"));
            }
            return fhir(method, path.substring("/fhir".length()), query, body);
        }
        m = TENANT_FHIR.matcher(path);
        if (m.matches()) {
            String rest = m.group(2) == null ? "" : m.group(2);
            if (rest.equals("/metadata") && method.equals("GET")) {
                return Answer.of(200, new JsonObject().put("resourceType", "CapabilityStatement")
                        .put("status", "active").put("fhirVersion", "4.0.1"));
            }
            if (!("Bearer fhir-token-" + m.group(1)).equals(authorization)) {
                return Answer.of(401, outcome("a bearer token of this tenant is required"));
            }
            return fhir(method, rest, query, body);
        }
        return Answer.of(404, outcome("no route " + method + " " + path));
    }

    /** FHIR REST below a base: {@code rest} is the path after it ("" or "/" for the base itself). */
    private Answer fhir(String method, String rest, String query, String body) {
        String[] parts = rest.replaceFirst("^/", "").split("/");
        if (method.equals("POST") && rest.replace("/", "").isEmpty()) {
            return transaction(new JsonObject(body));
        }
        if (method.equals("POST") && parts.length == 1) {
            JsonObject resource = new JsonObject(body);
            if (!parts[0].equals(resource.getString("resourceType")) || resource.containsKey("id")) {
                return Answer.of(400, outcome("POST " + parts[0] + " of a " + resource.getString("resourceType")));
            }
            counted("create " + parts[0]);
            String id = Long.toString(ids.incrementAndGet());
            return new Answer(201, resource.put("id", id), Map.of("Location", location(parts[0], id), "ETag",
                    "W/\"1\""));
        }
        if (method.equals("GET") && parts.length == 2 && query == null) {
            counted("read " + parts[0]);
            return Answer.of(200, new JsonObject().put("resourceType", parts[0]).put("id", parts[1]));
        }
        if (method.equals("GET") && parts.length == 1 && parts[0].equals("Observation")) {
            counted("search Observation");
            return Answer.of(200, observationSearch(params(query)));
        }
        if (method.equals("GET") && parts.length == 1 && parts[0].equals("Patient")) {
            return Answer.of(200, new JsonObject().put("resourceType", "Bundle").put("type", "searchset")
                    .put("total", 0));
        }
        return Answer.of(404, outcome("no FHIR interaction " + method + " " + rest));
    }

    /** Two HbA1c results of the searched subject: what the bench's set-up wrote for each pool Patient. */
    private static JsonObject observationSearch(Map<String, String> params) {
        String subject = params.get("subject");
        if (subject == null || !subject.startsWith("Patient/") || !(LOINC + "|4548-4").equals(params.get("code"))) {
            throw new IllegalArgumentException("not the bench's search: " + params);
        }
        JsonArray entries = new JsonArray();
        for (int i = 0; i < 2; i++) {
            entries.add(new JsonObject().put("fullUrl", "Observation/o" + i).put("search",
                    new JsonObject().put("mode", "match")).put("resource", new JsonObject()
                            .put("resourceType", "Observation").put("id", "o" + i).put("status", "final")
                            .put("code", new JsonObject().put("coding", new JsonArray().add(new JsonObject()
                                    .put("system", LOINC).put("code", "4548-4"))))
                            .put("subject", new JsonObject().put("reference", subject))));
        }
        return new JsonObject().put("resourceType", "Bundle").put("type", "searchset").put("total", 2)
                .put("entry", entries);
    }

    private Answer transaction(JsonObject bundle) {
        if (!"Bundle".equals(bundle.getString("resourceType")) || !"transaction".equals(bundle.getString("type"))) {
            return Answer.of(400, outcome("not a transaction Bundle"));
        }
        JsonArray out = new JsonArray();
        for (Object item : bundle.getJsonArray("entry")) {
            JsonObject entry = (JsonObject) item;
            JsonObject request = entry.getJsonObject("request");
            String type = entry.getJsonObject("resource").getString("resourceType");
            if (!"POST".equals(request.getString("method")) || !type.equals(request.getString("url"))
                    || !entry.getString("fullUrl", "").startsWith("urn:uuid:")) {
                return Answer.of(400, outcome("not a create entry: " + entry.encode()));
            }
            String id = Long.toString(ids.incrementAndGet());
            out.add(new JsonObject().put("response", new JsonObject().put("status", "201 Created")
                    .put("location", location(type, id)).put("etag", "W/\"1\"")));
        }
        counted("transaction");
        return Answer.of(200, new JsonObject().put("resourceType", "Bundle").put("type", "transaction-response")
                .put("entry", out));
    }

    private void counted(String interaction) {
        counts.computeIfAbsent(interaction, k -> new AtomicLong()).incrementAndGet();
    }

    private static String location(String type, String id) {
        return type + "/" + id + "/_history/1";
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static JsonObject token(String token, int expiresIn) {
        return new JsonObject().put("access_token", token).put("token_type", "Bearer").put("expires_in", expiresIn);
    }

    private static JsonObject outcome(String diagnostics) {
        return new JsonObject().put("resourceType", "OperationOutcome").put("issue", new JsonArray()
                .add(new JsonObject().put("severity", "error").put("code", "invalid").put("diagnostics", diagnostics)));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
