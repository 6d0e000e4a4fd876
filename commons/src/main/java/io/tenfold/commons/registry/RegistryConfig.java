package io.tenfold.commons.registry;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "tenfold.registry")
public interface RegistryConfig {

    /**
     * The registry topics this service keeps a projection of, e.g. {@code tenfold.users,tenfold.clients}; none
     * by default.
     */
    Optional<List<String>> follow();
}
