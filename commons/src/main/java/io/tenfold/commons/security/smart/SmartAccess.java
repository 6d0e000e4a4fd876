package io.tenfold.commons.security.smart;

import java.time.Instant;
import java.util.List;

import io.tenfold.commons.scope.ScopeSet;
import io.tenfold.commons.scope.SmartScope;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;

/**
 * What a verified access token says: whose tenant and audience it is for, who holds it, and what it grants.
 * {@code patient} is the launch context (the patient a {@code patient/} scope confines to), null when none.
 */
public record SmartAccess(TenantId tenant, Audience audience, String subject, String clientId, ScopeSet scopes,
        List<SmartScope> clinical, String patient, String encounter, String fhirUser, String tokenId,
        Instant expiresAt) {

    /** The identity attribute under which the access of the request is kept. */
    public static final String ATTRIBUTE = "tenfold.smart-access";

    public SmartAccess {
        clinical = List.copyOf(clinical);
    }
}
