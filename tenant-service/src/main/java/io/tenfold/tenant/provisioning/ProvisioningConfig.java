package io.tenfold.tenant.provisioning;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "tenfold.provisioning")
public interface ProvisioningConfig {

    /** The services that must report a tenant ready before it counts as provisioned. */
    @WithDefault("auth-service,fhir-service,portal-service,bulk-service")
    List<String> services();
}
