package io.tenfold.commons.event;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Payload of {@code audit.v1} events on {@link Topics#AUDIT}: who did what to whom, and how it went. Never holds
 * a secret, a token or a password.
 *
 * @param action e.g. {@code login}, {@code login-failed}, {@code token-issued}, {@code token-refreshed},
 *        {@code token-revoked}, {@code access-denied}
 * @param outcome {@code success} or {@code failure}
 * @param tenantId the tenant, or {@link io.tenfold.commons.tenant.TenantId#GLOBAL}
 * @param audience {@code patient}, {@code provider} or {@code operator}
 * @param detail a short reason (an OAuth error code, a scope list), never a secret
 */
@RegisterForReflection
public record AuditEvent(String action, String outcome, String tenantId, String audience, String clientId,
        String userId, String sourceIp, String detail) {

    public static final String TYPE = "audit.v1";
}
