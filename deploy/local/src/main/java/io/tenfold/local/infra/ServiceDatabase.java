package io.tenfold.local.infra;

import java.util.List;

/**
 * A service's place in the shared database: its own login role (an ordinary role, so row-level security binds
 * it) owning its own schema.
 */
public record ServiceDatabase(String service, String schema, String role) {

    public static final List<ServiceDatabase> ALL = List.of(
            new ServiceDatabase("tenant-service", "tenant", "tenfold_tenant"),
            new ServiceDatabase("auth-service", "auth", "tenfold_auth"),
            new ServiceDatabase("fhir-service", "fhir", "tenfold_fhir"),
            new ServiceDatabase("portal-service", "portal", "tenfold_portal"),
            new ServiceDatabase("bulk-service", "bulk", "tenfold_bulk"));

    public static ServiceDatabase of(String serviceOrSchema) {
        return ALL.stream()
                .filter(db -> db.service().equals(serviceOrSchema) || db.schema().equals(serviceOrSchema))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown service " + serviceOrSchema));
    }
}
