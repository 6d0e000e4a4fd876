package io.tenfold.e2e;

import static io.tenfold.e2e.HapiClientE2ETest.requireCapability;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.StrictErrorHandler;

/**
 * Every example of the FHIR R4 specification (the npm package {@code hl7.fhir.r4.examples} 4.0.1, 5,300 files)
 * that is a resource to store (not a transaction, batch, search set, history or message Bundle) and that HAPI's
 * strict parser accepts is created on a tenant's provider API without its id, read back and compared with HAPI's
 * own encoding of the original (the server stores HAPI's encoding of what it parsed), leaving out the id and
 * {@code meta.versionId}/{@code meta.lastUpdated}. Examples whose references the API refuses by design (422: a
 * reference that is neither an absolute URL nor {@code [type]/[id]}) are counted apart, as are those over the 10 MB
 * limit for a body (413). Then, once fhir-service
 * serves search, {@code [type]?_id=[id]} must find each stored example and only it.
 */
class R4ExamplesE2ETest {

    private static final int THREADS = 8;
    private static final int SHOWN = 15;

    /** Examples the API stores differently from HAPI's encoding, each with the reason it is acceptable. */
    static final Map<String, String> KNOWN_DIFFERENCES = Map.of();

    /** Answers (a regular expression) known to be wrong for an example, and why: a bug listed, not hidden. */
    record Known(String answer, String reason) {
    }

    /** Examples answered otherwise than expected (only with exactly that answer), each with the reason. */
    static final Map<String, Known> KNOWN_FAILURES = Map.of();

    enum Outcome {
        /** created, read back, equal */
        EQUAL,
        /** created and read back, but not equal (a server bug unless listed in KNOWN_DIFFERENCES) */
        DIFFERENT,
        /** 422 for a reference the API refuses by design */
        REFERENCE_REFUSED,
        /** 413: larger than the API's 10 MB limit for a body */
        TOO_LARGE,
        /** any other answer than 201 to the create, or than 200 to the read (a server bug) */
        FAILED,
        /** not sent: HAPI's strict parser refuses the example itself */
        HAPI_REFUSES,
        /** not sent: a Bundle that is a request or a response rather than a resource to store */
        NOT_STORED_BUNDLE
    }

    record Result(String file, String type, Outcome outcome, String id, List<String> details) {
    }

    private static FhirTenant tenant;
    private static List<Result> results;

    @BeforeAll
    static void open() throws Exception {
        NodeScripts.ensureInstalled();
        tenant = FhirTenant.open("examples");
    }

    @Test
    void everyAcceptedExampleRoundTrips() throws Exception {
        List<Result> all = roundTrip();
        Map<Outcome, List<Result>> by = byOutcome(all);
        List<Result> unexplained = new ArrayList<>();
        by.get(Outcome.FAILED).stream().filter(r -> !knownFailure(r)).forEach(unexplained::add);
        by.get(Outcome.DIFFERENT).stream().filter(r -> !KNOWN_DIFFERENCES.containsKey(r.file()))
                .forEach(unexplained::add);
        if (!unexplained.isEmpty()) {
            fail(unexplained.size() + " accepted examples did not round-trip (see e2e/target/r4-examples.txt):\n"
                    + unexplained.stream().limit(SHOWN).map(R4ExamplesE2ETest::describe)
                            .collect(Collectors.joining("\n")));
        }
        assertTrue(by.get(Outcome.EQUAL).size() > 4_000, "most examples are stored: " + by.get(Outcome.EQUAL).size());
    }

    @Test
    void searchByIdFindsEachStoredExampleAndOnlyIt() throws Exception {
        requireCapability(tenant.searches(), "search (GET Patient?_id=…), so [type]?_id=[id] of each example");
        List<Result> stored = roundTrip().stream()
                .filter(r -> r.outcome() == Outcome.EQUAL || r.outcome() == Outcome.DIFFERENT).toList();
        List<String> wrong = parallel(stored, r -> {
            HttpResponse<String> found = tenant.get("/" + r.type() + "?_id=" + r.id());
            if (found.statusCode() != 200) {
                return r.file() + ": " + found.statusCode() + " " + abbreviate(found.body());
            }
            JsonNode bundle = JsonDiff.parse(found.body());
            JsonNode entries = bundle.path("entry");
            if (entries.size() != 1 || !r.id().equals(entries.get(0).path("resource").path("id").asText())
                    || !r.type().equals(entries.get(0).path("resource").path("resourceType").asText())) {
                return r.file() + ": " + r.type() + "?_id=" + r.id() + " found " + entries.size() + " entries: "
                        + abbreviate(entries.toString());
            }
            return null;
        }).stream().filter(s -> s != null).toList();
        System.out.printf("R4 examples: %d searched by _id, %d not found exactly%n", stored.size(), wrong.size());
        assertEquals(List.of(), wrong.stream().limit(SHOWN).toList(), wrong.size() + " searches by _id went wrong");
    }

    /** Runs the round trip once for both tests. */
    private static synchronized List<Result> roundTrip() throws Exception {
        if (results != null) {
            return results;
        }
        Path folder = NodeScripts.home().resolve("node_modules/hl7.fhir.r4.examples");
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals("package.json")).sorted().toList();
        }
        assertTrue(files.size() > 5_000, "the examples package is installed in " + folder);
        FhirContext fhir = FhirContext.forR4();
        long started = System.nanoTime();
        results = parallel(files, file -> roundTrip(fhir, file));
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        report(results, seconds);
        return results;
    }

    private static Result roundTrip(FhirContext fhir, Path file) throws Exception {
        String name = file.getFileName().toString();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        JsonNode original = JsonDiff.parse(text);
        String type = original.path("resourceType").asText();
        if (type.equals("Bundle") && !List.of("collection", "document").contains(original.path("type").asText())) {
            return new Result(name, type, Outcome.NOT_STORED_BUNDLE, null, List.of(original.path("type").asText()));
        }
        IBaseResource parsed;
        try {
            parsed = fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler()).parseResource(text);
        } catch (DataFormatException e) {
            return new Result(name, type, Outcome.HAPI_REFUSES, null, List.of(abbreviate(e.getMessage())));
        }
        JsonNode expected = JsonDiff.withoutServerFields(
                JsonDiff.parse(fhir.newJsonParser().encodeResourceToString(parsed)));
        ObjectNode body = original.deepCopy();
        body.remove("id");
        HttpResponse<String> created = tenant.post("/" + type, JsonDiff.JSON.writeValueAsString(body));
        if (created.statusCode() == 422 && created.body().matches("(?s).*\"reference-(invalid|other-tenant)\".*")) {
            return new Result(name, type, Outcome.REFERENCE_REFUSED, null, List.of(diagnostics(created.body())));
        }
        if (created.statusCode() == 413 && created.body().contains("\"body-too-large\"")) {
            return new Result(name, type, Outcome.TOO_LARGE, null, List.of(diagnostics(created.body())));
        }
        if (created.statusCode() != 201) {
            return new Result(name, type, Outcome.FAILED, null,
                    List.of("create → " + created.statusCode() + " " + diagnostics(created.body())));
        }
        String location = created.headers().firstValue("Location").orElse("");
        String[] parts = location.replaceFirst("/_history/.*$", "").split("/");
        String id = parts[parts.length - 1];
        HttpResponse<String> read = tenant.get("/" + type + "/" + id);
        if (read.statusCode() != 200) {
            return new Result(name, type, Outcome.FAILED, id,
                    List.of("read → " + read.statusCode() + " " + diagnostics(read.body())));
        }
        List<String> diffs = JsonDiff.diff(expected, JsonDiff.withoutServerFields(JsonDiff.parse(read.body())));
        return new Result(name, type, diffs.isEmpty() ? Outcome.EQUAL : Outcome.DIFFERENT, id, diffs);
    }

    private static <T, R> List<R> parallel(List<T> items, ThrowingFunction<T, R> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Callable<R>> tasks = new ArrayList<>();
            for (T item : items) {
                tasks.add(() -> work.apply(item));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> done : pool.invokeAll(tasks)) {
                out.add(done.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    interface ThrowingFunction<T, R> {
        R apply(T item) throws Exception;
    }

    private static Map<Outcome, List<Result>> byOutcome(List<Result> all) {
        Map<Outcome, List<Result>> by = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            by.put(o, new ArrayList<>());
        }
        all.forEach(r -> by.get(r.outcome()).add(r));
        return by;
    }

    private static void report(List<Result> all, long seconds) throws Exception {
        Map<Outcome, List<Result>> by = byOutcome(all);
        StringBuilder out = new StringBuilder();
        out.append(String.format("R4 examples round trip in %d s: %d files; %d Bundles not stored (request/response "
                + "Bundles); %d refused by HAPI's strict parser; %d sent: %d equal, %d different (%d of them known), "
                + "%d refused for their references (422), %d over the size limit (413), %d failed (%d of them known)%n",
                seconds, all.size(),
                by.get(Outcome.NOT_STORED_BUNDLE).size(), by.get(Outcome.HAPI_REFUSES).size(),
                all.size() - by.get(Outcome.NOT_STORED_BUNDLE).size() - by.get(Outcome.HAPI_REFUSES).size(),
                by.get(Outcome.EQUAL).size(), by.get(Outcome.DIFFERENT).size(),
                by.get(Outcome.DIFFERENT).stream().filter(r -> KNOWN_DIFFERENCES.containsKey(r.file())).count(),
                by.get(Outcome.REFERENCE_REFUSED).size(), by.get(Outcome.TOO_LARGE).size(),
                by.get(Outcome.FAILED).size(),
                by.get(Outcome.FAILED).stream().filter(R4ExamplesE2ETest::knownFailure).count()));
        for (Outcome o : List.of(Outcome.FAILED, Outcome.DIFFERENT, Outcome.REFERENCE_REFUSED, Outcome.TOO_LARGE,
                Outcome.HAPI_REFUSES, Outcome.NOT_STORED_BUNDLE)) {
            if (!by.get(o).isEmpty()) {
                out.append("\n== ").append(o).append(" (").append(by.get(o).size()).append(")\n");
                by.get(o).forEach(r -> out.append(describe(r)).append('\n'));
            }
        }
        Path file = NodeScripts.target().resolve("r4-examples.txt");
        Files.writeString(file, out, StandardCharsets.UTF_8);
        String summary = out.toString().lines().findFirst().orElse("");
        System.out.println(summary);
        for (Outcome o : List.of(Outcome.FAILED, Outcome.DIFFERENT, Outcome.REFERENCE_REFUSED, Outcome.TOO_LARGE,
                Outcome.HAPI_REFUSES)) {
            by.get(o).stream().limit(SHOWN).forEach(r -> System.out.println("  " + o + " " + describe(r)));
        }
        System.out.println("full report: " + file);
    }

    static boolean knownFailure(Result r) {
        Known known = KNOWN_FAILURES.get(r.file());
        return r.outcome() == Outcome.FAILED && known != null && r.details().get(0).matches(known.answer());
    }

    private static String describe(Result r) {
        String reason = knownFailure(r) ? KNOWN_FAILURES.get(r.file()).reason()
                : r.outcome() == Outcome.DIFFERENT ? KNOWN_DIFFERENCES.get(r.file()) : null;
        return r.file() + " (" + r.type() + (r.id() == null ? "" : "/" + r.id()) + "): "
                + r.details().stream().limit(5).collect(Collectors.joining("; "))
                + (r.details().size() > 5 ? "; … " + (r.details().size() - 5) + " more" : "")
                + (reason == null ? "" : " [known: " + reason + "]");
    }

    private static String diagnostics(String outcome) {
        try {
            JsonNode issue = JsonDiff.parse(outcome).path("issue").path(0);
            return issue.path("details").path("coding").path(0).path("code").asText() + ": "
                    + issue.path("diagnostics").asText();
        } catch (RuntimeException e) {
            return abbreviate(outcome);
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
