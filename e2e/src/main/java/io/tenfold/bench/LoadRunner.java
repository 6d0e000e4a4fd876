package io.tenfold.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Runs virtual users, each sending its scenario's requests back to back for a duration (after a warm-up that
 * is not counted), and measures throughput and latency (HdrHistogram, microseconds).
 */
public final class LoadRunner {

    /** How many different error reasons a run keeps (with their counts); the rest count as "other". */
    private static final int ERROR_REASONS = 5;

    /**
     * What a run measured. {@code requestsPerSecond} counts every request, failed or not (as the token bench
     * always has); {@code entriesPerSecond} counts the entries of successful requests only (one per request
     * unless the scenario sends more, e.g. a transaction Bundle). {@code errorReasons} are the first few
     * distinct reasons of failure with how often each occurred.
     */
    public record Result(String name, int concurrency, double seconds, long requests, long errors,
            double requestsPerSecond, double p50Millis, double p90Millis, double p99Millis, double maxMillis,
            int entriesPerRequest, double entriesPerSecond, Map<String, Long> errorReasons) {
    }

    private LoadRunner() {
    }

    public static Result run(String name, int concurrency, Duration warmUp, Duration duration,
            Supplier<Scenario> users) throws InterruptedException {
        return run(name, concurrency, 1, warmUp, duration, users);
    }

    /** A run whose successful requests each carry {@code entriesPerRequest} entries (reported per second). */
    public static Result run(String name, int concurrency, int entriesPerRequest, Duration warmUp,
            Duration duration, Supplier<Scenario> users) throws InterruptedException {
        List<Scenario> scenarios = IntStream.range(0, concurrency).mapToObj(i -> users.get()).toList();
        Counts counts = new Counts();
        long warmUpEnd = System.nanoTime() + warmUp.toNanos();
        long end = warmUpEnd + duration.toNanos();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (Scenario scenario : scenarios) {
            loop(scenario, counts, warmUpEnd, end, done);
        }
        done.await(duration.plus(warmUp).toSeconds() + 60, TimeUnit.SECONDS);
        Histogram histogram = counts.recorder.getIntervalHistogram();
        long ok = counts.ok.get();
        long requests = ok + counts.errors.get();
        double seconds = duration.toNanos() / 1e9;
        return new Result(name, concurrency, seconds, requests, counts.errors.get(), requests / seconds,
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(90) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0, entriesPerRequest,
                ok * (double) entriesPerRequest / seconds, counts.reasons());
    }

    private static void loop(Scenario scenario, Counts counts, long warmUpEnd, long end, CountDownLatch done) {
        long start = System.nanoTime();
        if (start >= end) {
            done.countDown();
            return;
        }
        scenario.call().onComplete(result -> {
            long now = System.nanoTime();
            if (start >= warmUpEnd) {
                counts.recorder.recordValue(Math.max(1, (now - start) / 1000));
                if (result.succeeded() && result.result() / 100 == 2) {
                    counts.ok.incrementAndGet();
                } else {
                    counts.error(result.succeeded() ? "HTTP " + result.result() : reason(result.cause()));
                }
            }
            loop(scenario, counts, warmUpEnd, end, done);
        });
    }

    private static String reason(Throwable failure) {
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message;
    }

    /** What the virtual users of one run share. */
    private static final class Counts {

        final Recorder recorder = new Recorder(3);
        final AtomicLong ok = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final Map<String, AtomicLong> reasons = new ConcurrentHashMap<>();

        void error(String reason) {
            errors.incrementAndGet();
            String key = reasons.containsKey(reason) || reasons.size() < ERROR_REASONS ? reason : "other";
            reasons.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        }

        Map<String, Long> reasons() {
            Map<String, Long> out = new LinkedHashMap<>();
            reasons.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get()))
                    .forEach(e -> out.put(e.getKey(), e.getValue().get()));
            return out;
        }
    }
}
