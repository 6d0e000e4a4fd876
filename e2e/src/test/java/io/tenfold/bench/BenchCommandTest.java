package io.tenfold.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.tenfold.bench.FhirBenchTest.Run;

/** The command line: usage, exit statuses, and which options each suite takes (nothing here opens a socket). */
class BenchCommandTest {

    @Test
    void withoutArgumentsPrintsTheUsageAsAnError() {
        Run run = FhirBenchTest.bench();
        assertEquals(2, run.status());
        assertEquals(Bench.USAGE, run.log());
    }

    @Test
    void helpPrintsTheUsage() {
        for (String[] args : new String[][] { { "--help" }, { "help" }, { "fhir", "--help" } }) {
            Run run = FhirBenchTest.bench(args);
            assertEquals(0, run.status());
            assertEquals(Bench.USAGE, run.out());
        }
    }

    @Test
    void anUnknownSuiteIsAUsageError() {
        Run run = FhirBenchTest.bench("fire");
        assertEquals(2, run.status());
        assertTrue(run.log().contains("unknown suite 'fire' (suites: tokens, fhir, fhir-seed, tenants, export"), run.log());
    }

    /** The command lines the token figures in docs/status.md were measured with keep working. */
    @Test
    void tokensTakesTheOptionsItAlwaysTook() {
        Options.parse("tokens", new String[] { "tokens", "--base", "http://localhost:8080", "--operator-id",
            "operator", "--operator-secret", "s", "--concurrency", "8,32", "--duration", "20", "--out", "t.json" },
                Bench.SUITES.get("tokens"));
        Run run = FhirBenchTest.bench("tokens", "--concurrency", "8");
        assertEquals(2, run.status());
        assertTrue(run.log().contains("--operator-secret is required for tokens"), run.log());
    }

    @Test
    void theFhirSuitesTakeEitherAFhirBaseOrATenfold() {
        assertUsage("give either --fhir-base URL", "fhir");
        assertUsage("give either --fhir-base URL", "fhir", "--fhir-base", "http://h/fhir", "--base", "http://h");
        assertUsage("--token only applies with --fhir-base", "fhir", "--base", "http://h", "--operator-secret", "s",
                "--token", "t");
        assertUsage("--operator-secret only applies with --base", "fhir-seed", "--fhir-base", "http://h/fhir",
                "--operator-secret", "s", "--observations", "1");
        assertUsage("--operator-secret is required for fhir", "fhir", "--base", "http://h");
        assertUsage("--fhir-base takes an http(s) URL", "fhir", "--fhir-base", "localhost:8080/fhir");
        assertUsage("--tenant takes a tenant id", "fhir", "--base", "http://h", "--operator-secret", "s",
                "--tenant", "Bench");
        assertUsage("--observations is required for fhir-seed", "fhir-seed", "--fhir-base", "http://h/fhir");
        assertUsage("--scenarios: unknown 'delete'", "fhir", "--fhir-base", "http://h/fhir", "--scenarios",
                "read-patient,delete");
        assertUsage("unknown option --count for fhir", "fhir", "--fhir-base", "http://h/fhir", "--count", "3");
    }

    @Test
    void tenantsNeedsACountAndATenantIdPrefix() {
        assertUsage("--count is required for tenants", "tenants", "--operator-secret", "s");
        assertUsage("--prefix takes lower-case letters", "tenants", "--operator-secret", "s", "--count", "2",
                "--prefix", "T_");
        assertUsage("--count must be at least 1", "tenants", "--operator-secret", "s", "--count", "0");
    }

    @Test
    void exportRunsAgainstATenfoldWithALevelAndResourceTypes() {
        assertUsage("export runs against a Tenfold", "export", "--fhir-base", "http://h/fhir");
        assertUsage("--level takes system or patient", "export", "--base", "http://h", "--operator-secret", "s",
                "--level", "group");
        assertUsage("--types takes resource types", "export", "--base", "http://h", "--operator-secret", "s",
                "--types", "Patient;drop");
    }

    private static void assertUsage(String message, String... args) {
        Run run = FhirBenchTest.bench(args);
        assertEquals(2, run.status(), run.log());
        assertTrue(run.log().contains(message), run.log());
    }
}
