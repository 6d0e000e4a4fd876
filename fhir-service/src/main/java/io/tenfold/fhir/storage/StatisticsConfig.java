package io.tenfold.fhir.storage;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When fhir-service analyzes its partitioned tables ({@link PartitionStatistics}). */
@ConfigMapping(prefix = "tenfold.fhir.statistics")
public interface StatisticsConfig {

    /** How often the tables' changes are checked. */
    @WithDefault("60s")
    Duration interval();

    /** The share of a table's rows that must have changed since it was analyzed. */
    @WithDefault("0.1")
    double changedFraction();

    /** ... and at least this many rows. */
    @WithDefault("1000")
    long minChangedRows();
}
