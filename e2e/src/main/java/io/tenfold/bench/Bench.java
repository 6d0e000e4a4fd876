package io.tenfold.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * {@code java -jar e2e/target/tenfold-bench.jar <suite> [options]}: load against a running Tenfold (or, for the
 * FHIR suite, any FHIR server). Prints a table and writes JSON ({@code --out}).
 */
public final class Bench {

    private static final String USAGE = """
            Usage: java -jar e2e/target/tenfold-bench.jar tokens [options]

              --base URL             Tenfold's public URL (default http://localhost:8080)
              --operator-id ID       operator client id (default operator)
              --operator-secret S    operator client secret (required for tokens: it registers its clients)
              --concurrency N[,M]    virtual users, one run per value (default 8,32)
              --duration SECONDS     measured time per run (default 20), after a 5 s warm-up
              --out FILE             also write the results as JSON
            """;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].startsWith("--help")) {
            System.out.print(USAGE);
            return;
        }
        String suite = args[0];
        Map<String, String> opts = options(args);
        String base = opts.getOrDefault("base", "http://localhost:8080");
        List<Integer> concurrency = new ArrayList<>();
        for (String n : opts.getOrDefault("concurrency", "8,32").split(",")) {
            concurrency.add(Integer.parseInt(n.trim()));
        }
        Duration duration = Duration.ofSeconds(Long.parseLong(opts.getOrDefault("duration", "20")));
        Duration warmUp = Duration.ofSeconds(5);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        List<LoadRunner.Result> results = new ArrayList<>();
        try (Http http = new Http(vertx, base, concurrency.stream().max(Integer::compare).orElse(8))) {
            if (suite.equals("tokens")) {
                TokenBench tokens = new TokenBench(http, opts.getOrDefault("operator-id", "operator"),
                        required(opts, "operator-secret"));
                tokens.setUp();
                for (int n : concurrency) {
                    results.add(LoadRunner.run("token client_credentials", n, warmUp, duration,
                            () -> tokens.clientCredentials(0)));
                }
                for (int n : concurrency) {
                    List<Scenario> users = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        users.add(tokens.refresher());
                    }
                    var next = users.iterator();
                    results.add(LoadRunner.run("token refresh_token", n, warmUp, duration, next::next));
                }
            } else {
                System.err.println("unknown suite " + suite);
                System.out.print(USAGE);
                System.exit(2);
            }
        } finally {
            vertx.close();
        }
        System.out.print(Report.table(results));
        if (opts.containsKey("out")) {
            Files.writeString(Path.of(opts.get("out")), Report.json(results));
        }
    }

    private static String required(Map<String, String> opts, String name) {
        String value = opts.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                opts.put(args[i].substring(2), args[++i]);
            }
        }
        return opts;
    }
}
