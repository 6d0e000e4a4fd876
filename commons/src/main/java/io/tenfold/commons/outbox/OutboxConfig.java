package io.tenfold.commons.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "tenfold.outbox")
public interface OutboxConfig {

    /** How often the relay looks for messages nobody woke it for (other replicas, restarts). */
    @WithDefault("500ms")
    Duration pollInterval();

    /**
     * After a wake-up, how long at most the relay lets messages gather before it reads them (less once as many
     * commits as a batch holds woke it): one batch then carries what
     * many writes of a busy moment produced, instead of a broker round trip and an outbox transaction each. An
     * event's delay grows by at most this.
     */
    @WithDefault("10ms")
    Duration gatherWindow();

    /** Messages published per transaction. */
    @WithDefault("500")
    int batchSize();

    /** Wait after a failed publish (broker away) before the next try. */
    @WithDefault("1s")
    Duration retryBackoff();
}
