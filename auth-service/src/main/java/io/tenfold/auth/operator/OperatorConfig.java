package io.tenfold.auth.operator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The bootstrap operator client (env {@code TENFOLD_OPERATOR_CLIENT_ID}, {@code TENFOLD_OPERATOR_SECRET}). */
@ConfigMapping(prefix = "tenfold.operator")
public interface OperatorConfig {

    @WithDefault("operator")
    String clientId();

    /** Required: the service does not start without it. */
    String secret();
}
