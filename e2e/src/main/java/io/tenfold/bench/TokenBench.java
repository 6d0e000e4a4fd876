package io.tenfold.bench;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The token endpoint under load: backend services ({@code client_credentials} with a secret) and refreshes
 * (each virtual user signs in once through the real pages, then refreshes its own rotating refresh token).
 * It registers what it needs through the operator API: tenant {@code bench}, a backend client, a patient app,
 * a patient user and an access policy (idempotent PUTs).
 */
public final class TokenBench {

    static final String TENANT = "bench";
    private static final String BACKEND = "bench-backend";
    private static final String APP = "bench-app";
    private static final String USER = "bench-patient";
    private static final String REDIRECT = "https://bench.example.org/callback";
    private static final String PASSWORD = "bench-password-1234";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Http http;
    private final Operator operator;
    private final String backendSecret = random();

    TokenBench(Http http, Operator operator) {
        this.http = http;
        this.operator = operator;
    }

    /** Registers the tenant, clients, user and policy, and waits until the authorization server has them. */
    public void setUp() throws Exception {
        operator.put("/Tenant/" + TENANT, Operator.tenantResource(TENANT, "Bench Clinic"));
        JsonObject tenant = Operator.tenant(TENANT);
        operator.put("/Client/" + BACKEND, Operator.backendClient(TENANT, "Bench backend", backendSecret,
                "system/*.rs"));
        operator.put("/Client/" + APP, new JsonObject().put("resourceType", "Client")
                .put("type", "patient-facing-smart-app").put("name", "Bench app").put("grant_types",
                        new JsonArray().add("authorization_code").add("refresh_token"))
                .put("tenant", tenant)
                .put("auth", new JsonObject().put("authorization_code", new JsonObject()
                        .put("redirect_uri", REDIRECT).put("refresh_token", true).put("pkce", true)
                        .put("secret_required", false).put("access_token_expiration", 300)
                        .put("token_format", "jwt"))));
        operator.put("/User/" + USER, new JsonObject().put("resourceType", "User")
                .put("email", USER + "@bench.example.org").put("password", PASSWORD).put("active", true)
                .put("tenant", tenant).put("roles", new JsonArray().add(new JsonObject().put("type", "patient")))
                .put("fhirUser", new JsonObject().put("resourceType", "Patient").put("id", "bench-pt")));
        operator.put("/AccessPolicy/bench-policy", Operator.allowClients(TENANT, BACKEND, APP));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (Http.await(clientCredentials(), Duration.ofSeconds(10)) != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the authorization server did not get the bench client in " + WAIT);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** A backend service asking for a token, again and again. */
    public Scenario clientCredentials(int ignoredUser) {
        return this::clientCredentials;
    }

    private Future<Integer> clientCredentials() {
        return http.send(HttpMethod.POST, "/tenant/" + TENANT + "/provider/auth/token",
                Http.headers("Authorization", Http.basic(BACKEND, backendSecret), "Content-Type",
                        "application/x-www-form-urlencoded"),
                Http.form(Map.of("grant_type", "client_credentials", "scope", "system/*.rs")))
                .map(Http.Reply::status);
    }

    /** A patient app refreshing its token, each refresh rotating the refresh token. */
    public Scenario refresher() throws Exception {
        String[] refresh = { signIn() };
        return () -> http.send(HttpMethod.POST, "/tenant/" + TENANT + "/patient/auth/token",
                Http.headers("Content-Type", "application/x-www-form-urlencoded"),
                Http.form(Map.of("grant_type", "refresh_token", "refresh_token", refresh[0], "client_id", APP)))
                .map(reply -> {
                    if (reply.status() == 200) {
                        refresh[0] = new JsonObject(reply.body()).getString("refresh_token");
                    }
                    return reply.status();
                });
    }

    /** One standalone launch through the real pages; yields the refresh token. */
    private String signIn() throws Exception {
        String verifier = random() + random();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes()));
        String base = "/tenant/" + TENANT + "/patient";
        Map<String, String> authorize = new LinkedHashMap<>();
        authorize.put("response_type", "code");
        authorize.put("client_id", APP);
        authorize.put("redirect_uri", REDIRECT);
        authorize.put("scope", "openid fhirUser launch/patient patient/*.rs offline_access");
        authorize.put("state", "s");
        authorize.put("aud", fhirBase(base));
        authorize.put("code_challenge", challenge);
        authorize.put("code_challenge_method", "S256");
        Http.Reply reply = get(base + "/auth/authorize?" + Http.form(authorize), null);
        String cookie = null;
        while (reply.status() == 303) {
            cookie = cookie(reply, cookie);
            reply = get(path(reply.headers().get("Location")), cookie);
        }
        Map<String, String> login = fields(reply.text());
        login.put("email", USER + "@bench.example.org");
        login.put("password", PASSWORD);
        reply = post(path(action(reply.text())), login, cookie);
        cookie = cookie(reply, cookie);
        while (reply.status() == 303) {
            reply = get(path(reply.headers().get("Location")), cookie);
        }
        if (reply.status() == 200) {
            Map<String, String> consent = fields(reply.text());
            StringBuilder body = new StringBuilder(Http.form(consent).toString()).append("&decision=allow");
            Matcher scope = Pattern.compile("name=\"scope\" value=\"([^\"]+)\" checked").matcher(reply.text());
            while (scope.find()) {
                body.append("&scope=").append(Http.enc(scope.group(1).replace("&#47;", "/")));
            }
            reply = http.send(HttpMethod.POST, path(action(reply.text())), Http.headers("Content-Type",
                    "application/x-www-form-urlencoded", "Accept", "text/html", "Cookie", cookie),
                    Buffer.buffer(body.toString())).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        }
        String location = reply.headers().get("Location");
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location == null ? "" : location);
        if (!code.find()) {
            throw new IllegalStateException("sign-in did not end with a code: " + reply.status() + " " + reply.text());
        }
        Http.Reply token = post(base + "/auth/token", Map.of("grant_type", "authorization_code", "code",
                URLDecoder.decode(code.group(1), StandardCharsets.UTF_8), "redirect_uri",
                REDIRECT, "client_id", APP, "code_verifier", verifier), null);
        return new JsonObject(token.body()).getString("refresh_token");
    }

    private String fhirBase(String base) {
        return http.baseUrl() + base + "/smart-api";
    }

    private Http.Reply get(String path, String cookie) throws Exception {
        return http.send(HttpMethod.GET, path, Http.headers("Accept", "text/html", "Cookie", cookie), null)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private Http.Reply post(String path, Map<String, String> form, String cookie) throws Exception {
        MultiMap headers = Http.headers("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html",
                "Cookie", cookie);
        return http.send(HttpMethod.POST, path, headers, Http.form(form)).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    private static String cookie(Http.Reply reply, String current) {
        String set = reply.headers().get("Set-Cookie");
        return set == null ? current : set.split(";")[0];
    }

    private static Map<String, String> fields(String html) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher input = Pattern.compile("<input[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"").matcher(html);
        while (input.find()) {
            if (!input.group(0).contains("type=\"checkbox\"")) {
                out.put(input.group(1), input.group(2));
            }
        }
        return out;
    }

    private static String action(String html) {
        Matcher m = Pattern.compile("<form[^>]*action=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no form on the page: " + html);
        }
        return m.group(1);
    }

    private static String path(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static String random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
