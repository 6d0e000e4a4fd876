package io.tenfold.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * {@code java -jar e2e/target/tenfold-bench.jar <suite> [options]}: load against a running Tenfold (or, for the
 * FHIR suites, any FHIR R4 server). Prints a table and writes JSON ({@code --out}). Exits with 0 when done, 1
 * when a set-up or load failed, 2 on a wrong command line.
 */
public final class Bench {

    static final String USAGE = """
            Usage: java -jar e2e/target/tenfold-bench.jar <suite> [options]

            Suites:
              tokens      Tenfold's token endpoint: client_credentials and refresh_token
              fhir        FHIR R4 REST: create Patient, read Patient, create Observation, search Observation,
                          transaction of 100 Observations; each at every concurrency
              fhir-seed   loads Observations through transaction Bundles (grows a server before searching)
              tenants     provisions many tenants in a Tenfold (POST /Tenant), then waits until each one's FHIR API
                          answers GET /tenant/{t}/provider/smart-api/metadata with 200
              export      a Bulk Data export of a Tenfold tenant (seed it with fhir-seed first): kick-off to
                          manifest, then every file downloaded and counted; resources/s and MB/s

            Target of fhir and fhir-seed: any FHIR R4 server
              --fhir-base URL        its base, e.g. http://localhost:8080/fhir
              --token T              sent as "Authorization: Bearer T" (default: no Authorization header)
            or a Tenfold, where the bench registers the tenant, a backend client (system/*.cruds) and its policy,
            and uses {base}/tenant/{tenant}/provider/smart-api with the client's token (renewed as it ages)
              --base URL             Tenfold's public URL (tokens, tenants: default http://localhost:8080)
              --operator-id ID       operator client id (default operator); the bench's operator calls carry the
                                     operator token this client gets from {base}/auth/token (client_credentials)
              --operator-secret S    operator client secret (required with --base; tokens and tenants too)
              --tenant ID            (default bench)

            Load (tokens, fhir):
              --concurrency N[,M]    virtual users, one run per value (default 8,32)
              --duration SECONDS     measured time per run (default 20)
              --warm-up SECONDS      unmeasured time before each run (default 5)
            fhir:
              --scenarios A[,B]      some of create-patient, read-patient, create-observation,
                                     search-observation, transaction (default all, in that order)
              --pool N               Patients the set-up creates, each with 2 HbA1c results and a vital sign;
                                     reads, searches and new Observations use them (default 1000)
            fhir-seed:
              --observations N       Observations to load (required)
              --patients P           Patients they are spread over, created first (default N/100, at least 1)
              --batch B              entries per transaction Bundle (default 500)
              --concurrency N        Bundles in flight (default 4)
            export (with --base):
              --level L              system ($export) or patient (Patient/$export) (default system)
              --types A[,B]          _type of the kick-off (default: every type of the tenant)
            tenants:
              --count N              tenants to provision (required)
              --prefix P             tenant ids are P0001, P0002, … (default bench-t); existing ones are kept
              --concurrency N        requests in flight (default 16)
              --timeout SECONDS      give up when not all answer metadata by then (default 600)

            All suites:
              --out FILE             also write the results as JSON
              --help                 this text

            Exit status: 0 done, 1 set-up or load failed, 2 wrong command line.
            """;

    private static final List<String> LOAD = List.of("concurrency", "duration", "warm-up", "out");
    /** Each suite and the options it takes. */
    static final Map<String, Set<String>> SUITES = new LinkedHashMap<>();

    static {
        SUITES.put("tokens", options(List.of("base", "operator-id", "operator-secret"), LOAD));
        SUITES.put("fhir", options(FhirTarget.OPTIONS, LOAD, List.of("scenarios", "pool")));
        SUITES.put("fhir-seed", options(FhirTarget.OPTIONS, List.of("observations", "patients", "batch",
                "concurrency", "out")));
        SUITES.put("tenants", options(List.of("base", "operator-id", "operator-secret", "count", "prefix",
                "concurrency", "timeout", "out")));
        SUITES.put("export", options(FhirTarget.OPTIONS, List.of("level", "types", "out")));
    }

    private Bench() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command line; results go to {@code out}, progress and errors to {@code log}; yields the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream log) {
        if (args.length == 0) {
            log.print(USAGE);
            return 2;
        }
        if (Arrays.asList(args).contains("--help") || args[0].equals("help") || args[0].equals("-h")) {
            out.print(USAGE);
            return 0;
        }
        String suite = args[0];
        if (!SUITES.containsKey(suite)) {
            log.println("bench: unknown suite '" + suite + "' (suites: " + String.join(", ", SUITES.keySet())
                    + "; --help for the options)");
            return 2;
        }
        try {
            Options opts = Options.parse(suite, args, SUITES.get(suite));
            switch (suite) {
                case "tokens" -> tokens(opts, out, log);
                case "fhir" -> fhir(opts, out, log);
                case "fhir-seed" -> fhirSeed(opts, out, log);
                case "export" -> export(opts, out, log);
                default -> tenants(opts, out, log);
            }
            return 0;
        } catch (Options.UsageException e) {
            log.println("bench " + suite + ": " + e.getMessage() + " (--help for the options)");
            return 2;
        } catch (Exception e) {
            log.println("bench " + suite + " failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }

    private static void tokens(Options opts, PrintStream out, PrintStream log) throws Exception {
        String base = FhirTarget.url(opts, "base");
        String operatorId = opts.get("operator-id", "operator");
        String secret = opts.required("operator-secret");
        Load load = Load.from(opts);
        Vertx vertx = vertx();
        List<LoadRunner.Result> results = new ArrayList<>();
        try (Http http = new Http(vertx, base == null ? "http://localhost:8080" : base, load.maxConcurrency())) {
            TokenBench tokens = new TokenBench(http, Operator.connect(http, operatorId, secret, log));
            tokens.setUp();
            for (int n : load.concurrency()) {
                results.add(LoadRunner.run("token client_credentials", n, load.warmUp(), load.duration(),
                        () -> tokens.clientCredentials(0)));
            }
            for (int n : load.concurrency()) {
                List<Scenario> users = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    users.add(tokens.refresher());
                }
                var next = users.iterator();
                results.add(LoadRunner.run("token refresh_token", n, load.warmUp(), load.duration(), next::next));
            }
        } finally {
            close(vertx);
        }
        report(results, out, load.out());
    }

    private static void fhir(Options opts, PrintStream out, PrintStream log) throws Exception {
        FhirTarget target = FhirTarget.from(opts);
        Load load = Load.from(opts);
        List<String> scenarios = opts.subset("scenarios", FhirBench.SCENARIOS);
        int pool = opts.integer("pool", 1000, 1);
        Vertx vertx = vertx();
        List<LoadRunner.Result> results = new ArrayList<>();
        try (target) {
            FhirBench bench = new FhirBench(target.connect(vertx, load.maxConcurrency(), log));
            bench.setUp(pool, log);
            for (String scenario : scenarios) {
                for (int n : load.concurrency()) {
                    log.println("running " + FhirBench.title(scenario) + " at concurrency " + n);
                    results.add(LoadRunner.run(FhirBench.title(scenario), n, FhirBench.entries(scenario),
                            load.warmUp(), load.duration(), () -> bench.scenario(scenario)));
                }
            }
        } finally {
            close(vertx);
        }
        report(results, out, load.out());
    }

    private static void fhirSeed(Options opts, PrintStream out, PrintStream log) throws Exception {
        FhirTarget target = FhirTarget.from(opts);
        int observations = opts.integer("observations", 1);
        int patients = opts.integer("patients", Math.max(1, observations / 100), 1);
        int batch = opts.integer("batch", 500, 1);
        int parallel = opts.integer("concurrency", 4, 1);
        Path file = outFile(opts);
        Vertx vertx = vertx();
        FhirSeed.Result result;
        try (target) {
            result = FhirSeed.run(target.connect(vertx, parallel, log), observations, patients, batch, parallel,
                    log);
        } finally {
            close(vertx);
        }
        out.print(result.line());
        if (file != null) {
            Files.writeString(file, result.json());
        }
    }

    private static void export(Options opts, PrintStream out, PrintStream log) throws Exception {
        FhirTarget target = FhirTarget.from(opts);
        if (opts.has("fhir-base")) {
            throw new Options.UsageException("export runs against a Tenfold (--base), not --fhir-base");
        }
        String level = opts.get("level", "system");
        if (!level.equals("system") && !level.equals("patient")) {
            throw new Options.UsageException("--level takes system or patient, not '" + level + "'");
        }
        String types = opts.get("types", null);
        if (types != null && !types.matches("[A-Z][A-Za-z]+(,[A-Z][A-Za-z]+)*")) {
            throw new Options.UsageException("--types takes resource types separated by commas, not '" + types
                    + "'");
        }
        Path file = outFile(opts);
        String machine = Machine.describe();
        out.println("machine: " + machine);
        Vertx vertx = vertx();
        ExportBench.Result result;
        try (target) {
            FhirClient fhir = target.connect(vertx, 4, log);
            result = new ExportBench(target.tenfold(), fhir.token(), target.tenant(), log).run(level, types);
        } finally {
            close(vertx);
        }
        out.print(result.line());
        if (file != null) {
            Files.writeString(file, result.json(machine));
        }
    }

    private static void tenants(Options opts, PrintStream out, PrintStream log) throws Exception {
        String base = FhirTarget.url(opts, "base");
        String operatorId = opts.get("operator-id", "operator");
        String secret = opts.required("operator-secret");
        int count = opts.integer("count", 1);
        String prefix = opts.get("prefix", "bench-t");
        if (!prefix.matches("[a-z0-9][a-z0-9\\-]{0,40}")) {
            throw new Options.UsageException("--prefix takes lower-case letters, digits and '-' (a tenant id's "
                    + "start), not '" + prefix + "'");
        }
        int concurrency = opts.integer("concurrency", 16, 1);
        Duration timeout = opts.seconds("timeout", 600, 1);
        Path file = outFile(opts);
        Vertx vertx = vertx();
        TenantsBench.Result result;
        try (Http http = new Http(vertx, base == null ? "http://localhost:8080" : base, concurrency)) {
            result = new TenantsBench(http, Operator.connect(http, operatorId, secret, log), log).run(prefix, count,
                    concurrency, timeout);
        } finally {
            close(vertx);
        }
        out.print(result.line());
        if (file != null) {
            Files.writeString(file, result.json());
        }
    }

    /** The options of a timed load: virtual users per run, warm-up and measured time, where to write JSON. */
    private record Load(List<Integer> concurrency, Duration duration, Duration warmUp, Path out) {

        static Load from(Options opts) {
            return new Load(opts.integers("concurrency", "8,32"), opts.seconds("duration", 20, 1),
                    opts.seconds("warm-up", 5, 0), outFile(opts));
        }

        int maxConcurrency() {
            return Collections.max(concurrency);
        }
    }

    private static Path outFile(Options opts) {
        return opts.has("out") ? Path.of(opts.get("out", null)) : null;
    }

    private static void report(List<LoadRunner.Result> results, PrintStream out, Path file) throws Exception {
        String machine = Machine.describe();
        out.println("machine: " + machine);
        out.print(Report.table(results));
        if (file != null) {
            Files.writeString(file, Report.json(results, machine));
        }
    }

    private static Vertx vertx() {
        return Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    }

    private static void close(Vertx vertx) throws Exception {
        Http.await(vertx.close(), Duration.ofSeconds(10));
    }

    @SafeVarargs
    private static Set<String> options(List<String>... lists) {
        Set<String> all = new TreeSet<>();
        Stream.of(lists).forEach(all::addAll);
        return all;
    }
}
