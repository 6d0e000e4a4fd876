package io.tenfold.commons.event;

import java.util.List;

/** Every Kafka topic of the platform, in one place; each service makes sure they exist at start. */
public final class Topics {

    /** Registry state, compacted, keyed by tenant id; a tombstone when the tenant is deleted. */
    public static final String TENANTS = "tenfold.tenants";
    /** Each service's answer to a tenant state: provisioned or purged. Keyed by tenant id. */
    public static final String TENANT_PROVISIONING = "tenfold.tenants.provisioning.v1";
    public static final String USERS = "tenfold.users";
    public static final String CLIENTS = "tenfold.clients";
    public static final String ACCESS_POLICIES = "tenfold.access-policies";
    public static final String FHIR_RESOURCE_CHANGED = "tenfold.fhir.resource-changed.v1";
    public static final String BULK_EXPORT_REQUESTED = "tenfold.bulk.export-requested.v1";
    public static final String AUDIT = "tenfold.audit.v1";
    /** Access tokens revoked before they expire, keyed by tenant id; the resource servers replay it at start. */
    public static final String TOKENS_REVOKED = "tenfold.auth.tokens-revoked.v1";

    /** How a topic is kept: compacted state (latest value per key) or a stream of events. */
    public record Spec(String name, boolean compacted) {
    }

    public static final List<Spec> ALL = List.of(
            new Spec(TENANTS, true),
            new Spec(USERS, true),
            new Spec(CLIENTS, true),
            new Spec(ACCESS_POLICIES, true),
            new Spec(TENANT_PROVISIONING, false),
            new Spec(FHIR_RESOURCE_CHANGED, false),
            new Spec(BULK_EXPORT_REQUESTED, false),
            new Spec(AUDIT, false),
            new Spec(TOKENS_REVOKED, false));

    private Topics() {
    }
}
