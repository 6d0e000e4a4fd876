package io.tenfold.bench;

import java.util.List;
import java.util.Locale;

/** The bench's results: a table for people and JSON for tools. */
public final class Report {

    private Report() {
    }

    public static String table(List<LoadRunner.Result> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-34s %5s %9s %9s %8s %8s %8s%n",
                "scenario", "conc", "req/s", "requests", "errors", "p50 ms", "p99 ms"));
        for (LoadRunner.Result r : results) {
            out.append(String.format(Locale.ROOT, "%-34s %5d %9.1f %9d %8d %8.2f %8.2f%n", r.name(), r.concurrency(),
                    r.requestsPerSecond(), r.requests(), r.errors(), r.p50Millis(), r.p99Millis()));
        }
        return out.toString();
    }

    public static String json(List<LoadRunner.Result> results) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < results.size(); i++) {
            LoadRunner.Result r = results.get(i);
            out.append(i == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT,
                    "  {\"scenario\": \"%s\", \"concurrency\": %d, \"seconds\": %.1f, \"requests\": %d, "
                            + "\"errors\": %d, \"requestsPerSecond\": %.1f, \"p50Millis\": %.3f, \"p99Millis\": %.3f, "
                            + "\"maxMillis\": %.3f}",
                    r.name(), r.concurrency(), r.seconds(), r.requests(), r.errors(), r.requestsPerSecond(),
                    r.p50Millis(), r.p99Millis(), r.maxMillis()));
        }
        return out.append("\n]\n").toString();
    }
}
