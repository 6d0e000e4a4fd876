package io.tenfold.commons.event;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Payload of {@code tenant.provisioning.v1} on {@link Topics#TENANT_PROVISIONING}: a service tells that it has
 * applied the tenant state whose registry sequence is {@code tenantSeq}.
 */
@RegisterForReflection
public record TenantProvisioning(String tenantId, String service, Status status, long tenantSeq) {

    public static final String TYPE = "tenant.provisioning.v1";

    public enum Status {
        /** The service serves the tenant. */
        READY,
        /** The service has deleted every row of the tenant and answers 404. */
        PURGED
    }
}
