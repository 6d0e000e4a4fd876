package io.tenfold.bench;

import java.time.Duration;
import java.util.List;
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

    /** What a run measured. */
    public record Result(String name, int concurrency, double seconds, long requests, long errors,
            double requestsPerSecond, double p50Millis, double p99Millis, double maxMillis) {
    }

    private LoadRunner() {
    }

    public static Result run(String name, int concurrency, Duration warmUp, Duration duration,
            Supplier<Scenario> users) throws InterruptedException {
        List<Scenario> scenarios = IntStream.range(0, concurrency).mapToObj(i -> users.get()).toList();
        Recorder recorder = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long warmUpEnd = System.nanoTime() + warmUp.toNanos();
        long end = warmUpEnd + duration.toNanos();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (Scenario scenario : scenarios) {
            loop(scenario, recorder, ok, errors, warmUpEnd, end, done);
        }
        done.await(duration.plus(warmUp).toSeconds() + 60, TimeUnit.SECONDS);
        Histogram histogram = recorder.getIntervalHistogram();
        long requests = ok.get() + errors.get();
        double seconds = duration.toNanos() / 1e9;
        return new Result(name, concurrency, seconds, requests, errors.get(), requests / seconds,
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getMaxValue() / 1000.0);
    }

    private static void loop(Scenario scenario, Recorder recorder, AtomicLong ok, AtomicLong errors, long warmUpEnd,
            long end, CountDownLatch done) {
        long start = System.nanoTime();
        if (start >= end) {
            done.countDown();
            return;
        }
        scenario.call().onComplete(result -> {
            long now = System.nanoTime();
            if (start >= warmUpEnd) {
                recorder.recordValue(Math.max(1, (now - start) / 1000));
                if (result.succeeded() && result.result() / 100 == 2) {
                    ok.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                }
            }
            loop(scenario, recorder, ok, errors, warmUpEnd, end, done);
        });
    }
}
