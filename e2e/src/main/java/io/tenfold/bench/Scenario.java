package io.tenfold.bench;

import io.vertx.core.Future;

/** One kind of request the bench repeats; each virtual user has its own instance (its own state). */
public interface Scenario {

    /**
     * Sends one request; completes with the HTTP status (2xx counts as success), or fails with the reason when
     * the answer is wrong in a way the status does not tell (the reason is reported with the run's errors).
     */
    Future<Integer> call();
}
