package io.tenfold.bulk.export;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How bulk-service runs exports. */
@ConfigMapping(prefix = "tenfold.bulk")
public interface BulkConfig {

    /** Exports one replica runs at once; more wait their turn (status 202, "queued"). */
    @WithDefault("2")
    int workers();

    /** Unfinished exports one client may have in a tenant; one more kick-off is a 429. */
    @WithDefault("3")
    int maxActivePerClient();

    /** Resources per NDJSON file; a type with more is split over several files. */
    @WithDefault("100000")
    int resourcesPerFile();

    /** Bytes gathered before a chunk of a file is written. */
    @WithDefault("1048576")
    int chunkBytes();

    /** How long a finished export's files stay (the manifest's {@code Expires}). */
    @WithDefault("24h")
    Duration retention();

    /** An export whose runner has not reported for this long is taken over by another replica. */
    @WithDefault("2m")
    Duration staleAfter();

    /** How often each replica looks for exports to take over and expired ones to delete. */
    @WithDefault("30s")
    Duration sweepInterval();

    /** What the status endpoint's {@code Retry-After} advises, in seconds. */
    @WithDefault("2")
    int retryAfterSeconds();
}
