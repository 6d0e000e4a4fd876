package io.tenfold.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The FHIR suites' plumbing, end to end through the command line, against {@link FakeFhirServer}: a plain FHIR
 * base with and without a token, and a Tenfold where the bench registers its tenant and client. About a second a
 * scenario at concurrency 2, so it stays fast enough for every build.
 */
@Timeout(60)
class FhirBenchTest {

    @TempDir
    Path dir;

    @Test
    void everyScenarioRunsWithoutErrorsAgainstAPlainFhirServerWithAToken() throws Exception {
        try (FakeFhirServer server = new FakeFhirServer("t0ken")) {
            Path out = dir.resolve("fhir.json");
            Run run = bench("fhir", "--fhir-base", server.url() + "/fhir", "--token", "t0ken", "--concurrency", "2",
                    "--duration", "1", "--warm-up", "0", "--pool", "20", "--out", out.toString());

            System.out.print(run.log() + run.out());
            assertEquals(0, run.status(), run.log());
            assertEquals(List.of(), server.refusals);
            assertEquals(Set.of("Bearer t0ken"), server.fhirAuthorizations);
            JsonArray results = new JsonArray(Files.readString(out));
            assertEquals(List.of("create Patient", "read Patient", "create Observation", "search Observation",
                    "transaction 100 Observations"), results.stream().map(r -> ((JsonObject) r).getString("scenario"))
                            .toList());
            for (Object item : results) {
                JsonObject result = (JsonObject) item;
                assertEquals(2, result.getInteger("concurrency"), result.encode());
                assertTrue(result.getLong("requests") > 0, result.encode());
                assertEquals(0, result.getLong("errors"), result.encode());
                assertTrue(result.getDouble("requestsPerSecond") > 0, result.encode());
                assertTrue(result.getDouble("p99Millis") >= result.getDouble("p50Millis"), result.encode());
            }
            JsonObject transaction = results.getJsonObject(4);
            assertEquals(100, transaction.getInteger("entriesPerRequest"));
            assertTrue(transaction.getDouble("entriesPerSecond") >= 100 * transaction.getDouble("requestsPerSecond")
                    * 0.99, transaction.encode());
            assertTrue(run.out().contains("search Observation"), run.out());
            assertTrue(server.count("search Observation") >= results.getJsonObject(3).getLong("requests"));
        }
    }

    @Test
    void fhirSeedLoadsThroughTransactionsWithoutAuthorization() throws Exception {
        try (FakeFhirServer server = new FakeFhirServer(null)) {
            Path out = dir.resolve("seed.json");
            Run run = bench("fhir-seed", "--fhir-base", server.url() + "/fhir/", "--observations", "1050",
                    "--patients", "7", "--batch", "100", "--concurrency", "3", "--out", out.toString());

            assertEquals(0, run.status(), run.log());
            assertEquals(List.of(), server.refusals);
            assertEquals(Set.of(""), server.fhirAuthorizations);
            // 7 Patients in one Bundle, then 1,050 Observations in 11 Bundles (the last of 50)
            assertEquals(12, server.count("transaction"));
            JsonObject seed = new JsonObject(Files.readString(out));
            assertEquals(1050, seed.getInteger("observations"));
            assertEquals(7, seed.getInteger("patients"));
            assertTrue(run.out().startsWith("fhir-seed: 7 Patients"), run.out());
        }
    }

    @Test
    void againstATenfoldTheBenchRegistersItsTenantClientAndPolicyAndUsesTheClientsToken() throws Exception {
        try (FakeFhirServer server = new FakeFhirServer(null)) {
            Run run = bench("fhir", "--base", server.url(), "--operator-secret", FakeFhirServer.OPERATOR_SECRET,
                    "--tenant", "bench-fhir", "--scenarios", "search-observation,read-patient", "--concurrency", "2",
                    "--duration", "1", "--warm-up", "0", "--pool", "10");

            assertEquals(0, run.status(), run.log());
            assertEquals(List.of(), server.refusals);
            JsonObject client = server.registry.get("/Client/bench-fhir-fhir-bench");
            assertEquals("backend-service", client.getString("type"));
            assertEquals("system/*.cruds", client.getString("scope"));
            assertEquals(new JsonArray().add("client_credentials"), client.getJsonArray("grant_types"));
            assertEquals("bench-fhir", client.getJsonObject("tenant").getString("id"));
            JsonObject policy = server.registry.get("/AccessPolicy/bench-fhir-fhir-bench");
            assertEquals("allow", policy.getString("engine"));
            assertEquals(new JsonArray().add(new JsonObject().put("resourceType", "Client")
                    .put("id", "bench-fhir-fhir-bench")), policy.getJsonArray("link"));
            assertTrue(server.registry.containsKey("/Tenant/bench-fhir"));
            // the order of --scenarios does not matter: they run in the suite's order
            assertTrue(run.out().indexOf("read Patient") < run.out().indexOf("search Observation"), run.out());
            assertTrue(server.count("read Patient") > 0 && server.count("search Observation") > 0);
            assertEquals(0, server.count("create Patient"));
        }
    }

    @Test
    void tenantsPostsEachTenantOnceAndWaitsForItsMetadataAndKeys() throws Exception {
        try (FakeFhirServer server = new FakeFhirServer(null)) {
            server.postedTenants.add("load-0002");
            Path out = dir.resolve("tenants.json");
            Run run = bench("tenants", "--base", server.url(), "--operator-secret", FakeFhirServer.OPERATOR_SECRET,
                    "--count", "25", "--prefix", "load-", "--concurrency", "4", "--timeout", "20", "--out",
                    out.toString());

            assertEquals(0, run.status(), run.log());
            assertEquals(1, server.refusals.size(), server.refusals.toString());
            assertTrue(server.refusals.get(0).startsWith("POST /Tenant → 409"), server.refusals.toString());
            assertEquals(25, server.postedTenants.size());
            assertTrue(server.postedTenants.contains("load-0025"));
            JsonObject result = new JsonObject(Files.readString(out));
            assertEquals(25, result.getInteger("tenants"));
            assertEquals(24, result.getInteger("created"));
            assertEquals(25, server.count("jwks"), "each tenant's authorization server was asked for its keys");
        }
    }

    @Test
    void aWrongOperatorSecretFailsTheSetUpWithTheServersAnswer() throws Exception {
        try (FakeFhirServer server = new FakeFhirServer(null)) {
            Run run = bench("tenants", "--base", server.url(), "--operator-secret", "wrong", "--count", "1",
                    "--timeout", "1");

            assertEquals(1, run.status(), run.log());
            assertTrue(run.log().contains("token endpoint /auth/token → 401"), run.log());
            assertTrue(server.postedTenants.isEmpty());
        }
    }

    record Run(int status, String out, String log) {
    }

    static Run bench(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int status = Bench.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), log.toString(StandardCharsets.UTF_8));
    }
}
