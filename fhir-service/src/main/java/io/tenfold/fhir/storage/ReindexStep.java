package io.tenfold.fhir.storage;

/**
 * What one step of reindexing did: the last stale resource it looked at ({@code null} if none was left after its
 * start) and how many it wrote; {@code busy} when another replica was at work.
 */
public record ReindexStep(StaleIndex last, int reindexed, boolean busy) {

    static final ReindexStep BUSY = new ReindexStep(null, 0, true);

    ReindexStep(StaleIndex last, int reindexed) {
        this(last, reindexed, false);
    }
}
