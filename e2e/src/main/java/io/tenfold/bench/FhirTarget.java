package io.tenfold.bench;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

/**
 * Where the FHIR suites send their requests: any FHIR R4 base ({@code --fhir-base}, with {@code --token} or
 * without authorization), or a Tenfold tenant's provider FHIR base ({@code --base}), for which the bench registers
 * the tenant, a backend service allowed {@code system/*.cruds} and an access policy linking it (idempotent PUTs),
 * then waits until the FHIR API serves the tenant and accepts the client's token.
 */
final class FhirTarget implements AutoCloseable {

    static final List<String> OPTIONS = List.of("fhir-base", "token", "base", "operator-id", "operator-secret",
            "tenant");
    static final String SCOPE = "system/*.cruds";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String fhirBase;
    private final String token;
    private final String base;
    private final String operatorId;
    private final String operatorSecret;
    private final String tenant;
    private Http tenfold;
    private Http fhir;

    private FhirTarget(String fhirBase, String token, String base, String operatorId, String operatorSecret,
            String tenant) {
        this.fhirBase = fhirBase;
        this.token = token;
        this.base = base;
        this.operatorId = operatorId;
        this.operatorSecret = operatorSecret;
        this.tenant = tenant;
    }

    /** Reads and checks the target's options. */
    static FhirTarget from(Options opts) {
        if (opts.has("fhir-base") == opts.has("base")) {
            throw new Options.UsageException("give either --fhir-base URL (any FHIR R4 server) or --base URL "
                    + "--operator-secret S (a Tenfold, where the bench registers its tenant and client)");
        }
        if (opts.has("fhir-base")) {
            for (String tenfoldOnly : List.of("operator-id", "operator-secret", "tenant")) {
                opts.refuse(tenfoldOnly, "only applies with --base (a Tenfold)");
            }
            return new FhirTarget(url(opts, "fhir-base"), opts.get("token", null), null, null, null, null);
        }
        opts.refuse("token", "only applies with --fhir-base (with --base the bench gets its own token)");
        String tenant = opts.get("tenant", TokenBench.TENANT);
        if (!tenant.matches("[a-z0-9][a-z0-9\\-]{1,62}")) {
            throw new Options.UsageException("--tenant takes a tenant id (2 to 63 lower-case letters, digits or "
                    + "'-'), not '" + tenant + "'");
        }
        return new FhirTarget(null, null, url(opts, "base"), opts.get("operator-id", "operator"),
                opts.required("operator-secret"), tenant);
    }

    static String url(Options opts, String name) {
        String url = opts.get(name, null);
        if (url != null && !url.matches("https?://[^/\\s]+(/\\S*)?")) {
            throw new Options.UsageException("--" + name + " takes an http(s) URL, not '" + url + "'");
        }
        return url;
    }

    /** The Tenfold's own client after {@link #connect} (null for {@code --fhir-base}). */
    Http tenfold() {
        return tenfold;
    }

    /** The Tenfold tenant (null for {@code --fhir-base}). */
    String tenant() {
        return tenant;
    }

    /** What the suite runs against, for its log. */
    String describe() {
        return fhirBase != null ? fhirBase : base + " tenant " + tenant;
    }

    /** Connects (registering and waiting first, for a Tenfold); {@code connections} is the pool's size. */
    FhirClient connect(Vertx vertx, int connections, PrintStream log) throws Exception {
        if (fhirBase != null) {
            fhir = new Http(vertx, fhirBase, connections);
            return new FhirClient(fhir, token == null ? AccessToken.none() : AccessToken.fixed(token));
        }
        tenfold = new Http(vertx, base, 4);
        Operator operator = Operator.connect(tenfold, operatorId, operatorSecret, log);
        String client = tenant + "-fhir-bench";
        String secret = random();
        log.println("registering tenant " + tenant + ", client " + client + " (" + SCOPE + ") and its policy at "
                + base);
        operator.put("/Tenant/" + tenant, Operator.tenantResource(tenant, "Bench Clinic"));
        operator.put("/Client/" + client, Operator.backendClient(tenant, "FHIR bench backend", secret, SCOPE));
        operator.put("/AccessPolicy/" + client, Operator.allowClients(tenant, client));
        fhir = new Http(vertx, base + "/tenant/" + tenant + "/provider/smart-api", connections);
        awaitStatus(fhir, "/metadata", null, "the FHIR API to serve tenant " + tenant);
        AccessToken access = AccessToken.clientCredentials(tenfold, "/tenant/" + tenant + "/provider/auth/token",
                client, secret, SCOPE, true, log);
        awaitStatus(fhir, "/Patient?_count=1", access, "the FHIR API to accept " + client + "'s token");
        return new FhirClient(fhir, access);
    }

    /** Waits until {@code GET path} answers 200 (a tenant's FHIR API) or fails after a minute. */
    static void awaitStatus(Http http, String path, AccessToken token, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (true) {
            try {
                Http.Reply reply = Http.await(http.send(HttpMethod.GET, path, Http.headers("Accept",
                        "application/fhir+json", "Authorization", token == null ? null : token.header()), null),
                        Duration.ofSeconds(10));
                if (reply.status() == 200) {
                    return;
                }
                last = reply.status() + " " + reply.text();
            } catch (Exception e) {
                last = e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what + " after " + WAIT + ": GET "
                        + http.baseUrl() + path + " → " + last);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    @Override
    public void close() {
        if (fhir != null) {
            fhir.close();
        }
        if (tenfold != null) {
            tenfold.close();
        }
    }

    private static String random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
