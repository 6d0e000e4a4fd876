package io.tenfold.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A Bulk Data export of a Tenfold tenant, timed: kick-off ({@code $export} or {@code Patient/$export}, with
 * {@code _type}), the status polled every 100 ms until the manifest, then every file downloaded and its lines
 * counted against the manifest. Reports how long the export took (kick-off to manifest) and its throughput in
 * resources per second, and the download's in MB/s.
 */
final class ExportBench {

    /** One export, measured. */
    record Result(String level, String types, long resources, int files, long bytes, double exportSeconds,
            double downloadSeconds) {

        String line() {
            return String.format(Locale.ROOT, "export %s (%s): %d resources in %d files, exported in %.1f s "
                    + "(%.0f resources/s); downloaded %.1f MB in %.1f s (%.1f MB/s)%n", level, types, resources,
                    files, exportSeconds, resources / exportSeconds, bytes / 1e6, downloadSeconds,
                    bytes / 1e6 / downloadSeconds);
        }

        String json(String machine) {
            return new JsonObject().put("suite", "export").put("level", level).put("types", types)
                    .put("resources", resources).put("files", files).put("bytes", bytes)
                    .put("exportSeconds", Report.round(exportSeconds, 2))
                    .put("resourcesPerSecond", Report.round(resources / exportSeconds, 1))
                    .put("downloadSeconds", Report.round(downloadSeconds, 2))
                    .put("downloadMegabytesPerSecond", Report.round(bytes / 1e6 / downloadSeconds, 1))
                    .put("machine", machine).encodePrettily() + "\n";
        }
    }

    private static final Duration WITHIN = Duration.ofMinutes(30);
    private static final long POLL_MILLIS = 100;

    private final Http tenfold;
    private final AccessToken token;
    private final String bulkPath;
    private final PrintStream log;

    ExportBench(Http tenfold, AccessToken token, String tenant, PrintStream log) {
        this.tenfold = tenfold;
        this.token = token;
        this.bulkPath = "/tenant/" + tenant + "/bulk-api";
        this.log = log;
    }

    Result run(String level, String types) throws Exception {
        String kickOff = bulkPath + (level.equals("patient") ? "/Patient" : "") + "/$export"
                + (types == null ? "" : "?_type=" + Http.enc(types));
        long start = System.nanoTime();
        Http.Reply accepted = Http.await(tenfold.send(HttpMethod.GET, kickOff, headers("application/fhir+json",
                "respond-async"), null), WITHIN);
        if (accepted.status() != 202) {
            throw new IllegalStateException("kick-off GET " + kickOff + " → " + accepted.status() + " "
                    + accepted.text());
        }
        String status = path(accepted.headers().get("Content-Location"));
        log.println("export accepted; polling " + status);
        JsonObject manifest = manifest(status, start);
        double exportSeconds = (System.nanoTime() - start) / 1e9;
        JsonArray output = manifest.getJsonArray("output");
        long resources = 0;
        long bytes = 0;
        long downloadStart = System.nanoTime();
        for (int i = 0; i < output.size(); i++) {
            JsonObject file = output.getJsonObject(i);
            Http.Reply body = Http.await(tenfold.send(HttpMethod.GET, path(file.getString("url")),
                    headers("application/fhir+ndjson", null), null), WITHIN);
            long lines = body.status() == 200 ? lines(body) : -1;
            if (lines != file.getLong("count")) {
                throw new IllegalStateException("file " + file.getString("url") + " → " + body.status() + " with "
                        + lines + " lines, the manifest says " + file.getLong("count"));
            }
            resources += lines;
            bytes += body.body().length();
        }
        double downloadSeconds = (System.nanoTime() - downloadStart) / 1e9;
        Http.await(tenfold.send(HttpMethod.DELETE, status, headers(null, null), null), WITHIN);
        return new Result(level, types == null ? "all" : types, resources, output.size(), bytes, exportSeconds,
                downloadSeconds);
    }

    private JsonObject manifest(String status, long start) throws Exception {
        long deadline = start + WITHIN.toNanos();
        while (true) {
            Http.Reply reply = Http.await(tenfold.send(HttpMethod.GET, status, headers(null, null), null), WITHIN);
            if (reply.status() == 200) {
                return new JsonObject(reply.text());
            }
            if (reply.status() != 202 || System.nanoTime() > deadline) {
                throw new IllegalStateException("status " + status + " → " + reply.status() + " " + reply.text());
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
    }

    private MultiMap headers(String accept, String prefer) {
        return Http.headers("Authorization", token.header(), "Accept", accept, "Prefer", prefer);
    }

    /** The path of an absolute URL the server gave (its public base may name this host differently). */
    private static String path(String url) {
        int tenant = url == null ? -1 : url.indexOf("/tenant/");
        if (tenant < 0) {
            throw new IllegalStateException("not a tenant URL: " + url);
        }
        return url.substring(tenant);
    }

    private static long lines(Http.Reply reply) {
        long lines = 0;
        var body = reply.body();
        for (int i = 0; i < body.length(); i++) {
            if (body.getByte(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
