package io.tenfold.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.vertx.core.json.JsonObject;

/** The bench's results: a table for people and JSON for tools. */
public final class Report {

    private Report() {
    }

    public static String table(List<LoadRunner.Result> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%-34s %5s %9s %9s %8s %8s %8s %8s %10s%n", "scenario", "conc", "req/s", "requests", "errors",
                "p50 ms", "p90 ms", "p99 ms", "entries/s"));
        for (LoadRunner.Result r : results) {
            out.append(String.format(Locale.ROOT, "%-34s %5d %9.1f %9d %8d %8.2f %8.2f %8.2f %10s%n", r.name(),
                    r.concurrency(), r.requestsPerSecond(), r.requests(), r.errors(), r.p50Millis(), r.p90Millis(),
                    r.p99Millis(), r.entriesPerRequest() > 1
                            ? String.format(Locale.ROOT, "%.1f", r.entriesPerSecond()) : ""));
        }
        for (LoadRunner.Result r : results) {
            for (Map.Entry<String, Long> reason : r.errorReasons().entrySet()) {
                out.append(String.format(Locale.ROOT, "  %s @%d: %d× %s%n", r.name(), r.concurrency(),
                        reason.getValue(), reason.getKey()));
            }
        }
        return out.toString();
    }

    /** One JSON object a line, in an array; {@code entriesPerSecond} only for runs of several entries a request. */
    public static String json(List<LoadRunner.Result> results) {
        return json(results, null);
    }

    /** ... each line also naming the {@code machine} the runs were made on, unless null. */
    public static String json(List<LoadRunner.Result> results, String machine) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < results.size(); i++) {
            LoadRunner.Result r = results.get(i);
            JsonObject line = new JsonObject().put("scenario", r.name()).put("concurrency", r.concurrency())
                    .put("seconds", round(r.seconds(), 1)).put("requests", r.requests()).put("errors", r.errors())
                    .put("requestsPerSecond", round(r.requestsPerSecond(), 1))
                    .put("p50Millis", round(r.p50Millis(), 3)).put("p90Millis", round(r.p90Millis(), 3))
                    .put("p99Millis", round(r.p99Millis(), 3)).put("maxMillis", round(r.maxMillis(), 3));
            if (r.entriesPerRequest() > 1) {
                line.put("entriesPerRequest", r.entriesPerRequest())
                        .put("entriesPerSecond", round(r.entriesPerSecond(), 1));
            }
            if (!r.errorReasons().isEmpty()) {
                JsonObject reasons = new JsonObject();
                r.errorReasons().forEach(reasons::put);
                line.put("errorReasons", reasons);
            }
            if (machine != null) {
                line.put("machine", machine);
            }
            out.append(i == 0 ? "\n  " : ",\n  ").append(line.encode());
        }
        return out.append("\n]\n").toString();
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
