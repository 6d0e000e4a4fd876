package io.tenfold.tenant.rpc;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Where tenant-service reaches auth-service inside the install (env {@code TENFOLD_AUTH_URL}). */
@ConfigMapping(prefix = "tenfold.auth")
public interface AuthServiceConfig {

    /**
     * auth-service's internal base URL, e.g. {@code http://tenfold-auth-service:8080}. Without it, launch URIs
     * cannot be minted ({@code /rpc} answers 503) and operator bearer tokens are not accepted.
     */
    Optional<String> url();
}
