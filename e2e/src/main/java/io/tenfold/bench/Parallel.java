package io.tenfold.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/** Asynchronous work with bounded concurrency, and retries, for the bench's set-up and loading. */
final class Parallel {

    private Parallel() {
    }

    /**
     * Runs {@code task(0) … task(count - 1)} with at most {@code limit} in flight; completes when all have
     * succeeded, or fails with the first failure (no new task starts after it).
     */
    static Future<Void> forEach(int count, int limit, IntFunction<Future<?>> task) {
        if (count == 0) {
            return Future.succeededFuture();
        }
        Promise<Void> done = Promise.promise();
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(limit, count);
        AtomicInteger running = new AtomicInteger(workers);
        for (int w = 0; w < workers; w++) {
            work(count, task, next, running, done);
        }
        return done.future();
    }

    private static void work(int count, IntFunction<Future<?>> task, AtomicInteger next, AtomicInteger running,
            Promise<Void> done) {
        int i = next.getAndIncrement();
        if (i >= count || done.future().isComplete()) {
            if (running.decrementAndGet() == 0) {
                done.tryComplete();
            }
            return;
        }
        task.apply(i).onComplete(result -> {
            if (result.failed()) {
                done.tryFail(result.cause());
            }
            work(count, task, next, running, done);
        });
    }

    /** {@code attempt}, tried up to {@code attempts} times with {@code delayMillis} between tries. */
    static <T> Future<T> retry(Vertx vertx, int attempts, long delayMillis, Supplier<Future<T>> attempt) {
        return attempt.get().recover(failure -> {
            if (attempts <= 1) {
                return Future.failedFuture(failure);
            }
            Promise<T> later = Promise.promise();
            vertx.setTimer(delayMillis, id -> retry(vertx, attempts - 1, delayMillis, attempt).onComplete(later));
            return later.future();
        });
    }
}
