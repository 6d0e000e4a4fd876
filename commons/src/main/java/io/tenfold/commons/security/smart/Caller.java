package io.tenfold.commons.security.smart;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;

/** The verified access token of the current request, checked once more against the path it is used on. */
@ApplicationScoped
@IfBuildProperty(name = ProtectedApi.ENABLED, stringValue = "true")
public class Caller {

    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The access of a request to a tenant's API for an audience (its path segment), or a 401. */
    public SmartAccess access(String tenant, String audience) {
        return access(tenant, Audience.ofPath(audience));
    }

    public SmartAccess access(String tenant, Audience audience) {
        SmartAccess access = identity.getAttribute(SmartAccess.ATTRIBUTE);
        if (access == null || !access.tenant().equals(new TenantId(tenant)) || access.audience() != audience) {
            throw new AuthenticationFailedException("not an access token of this API");
        }
        return access;
    }
}
