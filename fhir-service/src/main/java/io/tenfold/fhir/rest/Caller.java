package io.tenfold.fhir.rest;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.fhir.security.SmartAccess;

/** The verified access token of the current request, checked once more against the path it is used on. */
@ApplicationScoped
public class Caller {

    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public SmartAccess access(String tenant, String audience) {
        SmartAccess access = identity.getAttribute(SmartAccess.ATTRIBUTE);
        if (access == null || !access.tenant().equals(new TenantId(tenant))
                || access.audience() != Audience.ofPath(audience)) {
            throw new AuthenticationFailedException("not an access token of this API");
        }
        return access;
    }
}
