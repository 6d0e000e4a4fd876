package io.tenfold.commons.event;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Payload of {@code tenant.state.v1} on {@link Topics#TENANTS}: the full state of a tenant. */
@RegisterForReflection
public record TenantState(String id, String name, long version) {

    public static final String TYPE = "tenant.state.v1";
}
