package io.tenfold.portal.invite;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Where the portal reaches tenant-service inside the install (env {@code TENFOLD_TENANT_SERVICE_URL}). */
@ConfigMapping(prefix = "tenfold.tenant-service")
public interface RegistryConfig {

    /** tenant-service's internal base URL; without it, invitations cannot be accepted (the page says so). */
    Optional<String> url();
}
