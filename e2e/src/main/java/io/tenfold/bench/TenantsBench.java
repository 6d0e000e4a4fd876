package io.tenfold.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

/**
 * Many tenants: {@code POST /Tenant} of {@code {prefix}{n}} for n = 1…count ({@code concurrency} in flight; a
 * tenant that already exists, answered 409, is counted as existing and kept), then waits until each one is live:
 * its provider FHIR base answers {@code GET metadata} and its provider authorization server {@code GET jwks} (its
 * signing keys exist) with 200; reports how long both took.
 */
final class TenantsBench {

    /** What provisioning took, from the first POST. */
    record Result(int tenants, int created, int concurrency, double postSeconds, double liveSeconds) {

        String line() {
            return String.format(Locale.ROOT, "tenants: %d POST in %.1f s (%.1f tenants/s; %d new, %d already "
                    + "there); all live (metadata and jwks) %.1f s after the first POST (%d in flight)%n", tenants,
                    postSeconds, tenants / postSeconds, created, tenants - created, liveSeconds, concurrency);
        }

        String json() {
            return new JsonObject().put("suite", "tenants").put("tenants", tenants).put("created", created)
                    .put("concurrency", concurrency).put("postSeconds", Report.round(postSeconds, 1))
                    .put("tenantsPerSecond", Report.round(tenants / postSeconds, 1))
                    .put("liveSeconds", Report.round(liveSeconds, 1)).encodePrettily() + "\n";
        }
    }

    private static final int ATTEMPTS = 3;
    private static final long POLL_MILLIS = 200;
    private static final long PROGRESS_MILLIS = 5000;

    private final Http http;
    private final Operator operator;
    private final PrintStream log;

    TenantsBench(Http http, Operator operator, PrintStream log) {
        this.http = http;
        this.operator = operator;
        this.log = log;
    }

    /** The n-th (from 0) of {@code count} tenant ids: the prefix and a zero-padded number from 1. */
    static String id(String prefix, int count, int n) {
        int width = Math.max(4, Integer.toString(count).length());
        return prefix + String.format(Locale.ROOT, "%0" + width + "d", n + 1);
    }

    Result run(String prefix, int count, int concurrency, Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        AtomicInteger posted = new AtomicInteger();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger live = new AtomicInteger();
        long timer = http.vertx().setPeriodic(PROGRESS_MILLIS, t -> log.printf(Locale.ROOT,
                "tenants: %d / %d POST, %d live%n", posted.get(), count, live.get()));
        try {
            log.printf(Locale.ROOT, "tenants: POST %d tenants %s…%s at %s, %d in flight%n", count,
                    id(prefix, count, 0), id(prefix, count, count - 1), http.baseUrl(), concurrency);
            Http.await(Parallel.forEach(count, concurrency, n -> {
                String id = id(prefix, count, n);
                return Parallel.retry(http.vertx(), ATTEMPTS, 1000, () -> operator.createTenant(id,
                        "Bench tenant " + (n + 1))).onSuccess(isNew -> {
                            posted.incrementAndGet();
                            if (isNew) {
                                created.incrementAndGet();
                            }
                        });
            }), timeout);
            double postSeconds = (System.nanoTime() - start) / 1e9;
            Map<String, String> waiting = new ConcurrentHashMap<>();
            Http.await(Parallel.forEach(count, concurrency, n -> awaitLive(id(prefix, count, n), deadline, live,
                    waiting)), timeout.plusMinutes(1));
            if (!waiting.isEmpty()) {
                Map.Entry<String, String> example = waiting.entrySet().iterator().next();
                throw new IllegalStateException(String.format(Locale.ROOT, "after %d s, %d of %d tenants answer "
                        + "metadata and jwks; e.g. %s: %s", timeout.toSeconds(), live.get(), count, example.getKey(),
                        example.getValue()));
            }
            return new Result(count, created.get(), concurrency, postSeconds, (System.nanoTime() - start) / 1e9);
        } finally {
            http.vertx().cancelTimer(timer);
        }
    }

    /**
     * Polls the tenant's metadata, then its JWKS, until both answer 200 or the deadline (then notes the last answer
     * in {@code waiting}).
     */
    private Future<Void> awaitLive(String id, long deadline, AtomicInteger live, Map<String, String> waiting) {
        String metadata = "/tenant/" + id + "/provider/smart-api/metadata";
        String jwks = "/tenant/" + id + "/provider/auth/jwks";
        return http.send(HttpMethod.GET, metadata, Http.headers("Accept", "application/fhir+json"), null)
                .compose(answer -> answer.status() == 200 ? http.send(HttpMethod.GET, jwks, null, null)
                        : Future.succeededFuture(answer))
                .transform(answer -> {
                    if (answer.succeeded() && answer.result().status() == 200) {
                        live.incrementAndGet();
                        return Future.succeededFuture();
                    }
                    if (System.nanoTime() > deadline) {
                        waiting.put(id, answer.succeeded() ? "GET metadata or jwks → " + answer.result().status()
                                : answer.cause().toString());
                        return Future.succeededFuture();
                    }
                    Promise<Void> later = Promise.promise();
                    http.vertx().setTimer(POLL_MILLIS, t -> awaitLive(id, deadline, live, waiting).onComplete(later));
                    return later.future();
                });
    }
}
