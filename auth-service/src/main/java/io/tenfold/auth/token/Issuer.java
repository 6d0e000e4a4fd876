package io.tenfold.auth.token;

import java.util.ArrayList;
import java.util.List;

import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.commons.tenant.TenantPaths;

/**
 * An authorization server of the install: one per tenant and audience, plus the operator issuer. It names its
 * keys ({@code tenantKey}, {@code audience}), its {@code iss} and the {@code aud} of its access tokens.
 */
public record Issuer(String tenantKey, String audience, String iss, List<String> accessTokenAudience) {

    public static Issuer of(String baseUrl, TenantId tenant, Audience audience) {
        return new Issuer(tenant.value(), audience.segment(), TenantPaths.issuer(baseUrl, tenant, audience),
                List.of(TenantPaths.fhirBase(baseUrl, tenant, audience)));
    }

    /** The operator issuer at {@code /auth}: its tokens are for the operator API at the root. */
    public static Issuer operator(String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return new Issuer(TenantId.GLOBAL, "operator", base + "/auth", List.of(base));
    }

    /** The same issuer with tokens also good for more audiences (e.g. a backend service's bulk API). */
    public Issuer alsoFor(String extraAudience) {
        List<String> aud = new ArrayList<>(accessTokenAudience);
        aud.add(extraAudience);
        return new Issuer(tenantKey, audience, iss, List.copyOf(aud));
    }

    public String endpoint(String name) {
        return iss + "/" + name;
    }
}
