package io.tenfold.bulk.security;

import io.smallrye.config.ConfigMapping;

/** Where bulk-service reaches auth-service inside the install for the tenants' public keys. */
@ConfigMapping(prefix = "tenfold.auth")
public interface AuthServerConfig {

    /** auth-service's internal URL (env {@code TENFOLD_AUTH_URL}), e.g. {@code http://auth-service:8080}. */
    String url();
}
