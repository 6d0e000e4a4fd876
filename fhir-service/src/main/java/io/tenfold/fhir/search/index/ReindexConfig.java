package io.tenfold.fhir.search.index;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How fhir-service brings stored resources' index rows up to its indexing rules ({@link Reindexer}). */
@ConfigMapping(prefix = "tenfold.fhir.reindex")
public interface ReindexConfig {

    /** Whether it runs at all. */
    @WithDefault("true")
    boolean enabled();

    /** After start-up, how long it waits before it looks (the service is ready meanwhile). */
    @WithDefault("10s")
    Duration startDelay();

    /** Resources read, indexed and written back per transaction. */
    @WithDefault("200")
    int batchSize();

    /** The pause between two batches, which leaves the database to the requests. */
    @WithDefault("20ms")
    Duration pause();

    /** When another replica is at work or a batch failed: when to try again. */
    @WithDefault("60s")
    Duration retry();
}
