package io.tenfold.commons.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "tenfold.http")
public interface HttpConfig {

    /** The largest request body the service takes; larger ones get a 413 OperationOutcome. */
    @WithDefault("10M")
    MemorySize maxBodySize();
}
