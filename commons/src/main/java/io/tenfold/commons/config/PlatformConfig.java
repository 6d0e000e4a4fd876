package io.tenfold.commons.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** What every service knows about itself and the platform. */
@ConfigMapping(prefix = "tenfold")
public interface PlatformConfig {

    /** The service's name as it reports itself, e.g. {@code auth-service}. */
    String serviceName();

    /** The service's own PostgreSQL schema, e.g. {@code auth}. */
    String schema();

    /**
     * The public URL under which the router or ingress serves Tenfold, e.g. {@code https://fhir.example.org}
     * (env {@code TENFOLD_PUBLIC_BASE_URL}); issuers, audiences and links are built from it.
     */
    String publicBaseUrl();

    /**
     * Whether the service is a resource server verifying SMART access tokens (fhir-service, bulk-service): read at
     * build time, it turns the beans of {@code security.smart} on ({@code ProtectedApi#ENABLED}).
     */
    @WithName("resource-server.enabled")
    @WithDefault("false")
    boolean resourceServer();
}
