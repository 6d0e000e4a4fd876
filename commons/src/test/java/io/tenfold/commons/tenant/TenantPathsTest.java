package io.tenfold.commons.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TenantPathsTest {

    private final TenantId clinic = new TenantId("my-clinic");

    @Test
    void buildsIssuerAndFhirBaseFromThePublicUrl() {
        assertEquals("https://x.org/tenant/my-clinic/patient/auth",
                TenantPaths.issuer("https://x.org/", clinic, Audience.PATIENT));
        assertEquals("https://x.org/tenant/my-clinic/provider/smart-api",
                TenantPaths.fhirBase("https://x.org", clinic, Audience.PROVIDER));
    }

    @Test
    void findsTheTenantSegmentOfAPath() {
        assertEquals("my-clinic", TenantPaths.tenantSegment("/tenant/my-clinic/patient/smart-api/metadata"));
        assertEquals("my-clinic", TenantPaths.tenantSegment("/tenant/my-clinic"));
        assertEquals("", TenantPaths.tenantSegment("/tenant/"));
        assertNull(TenantPaths.tenantSegment("/Tenant/my-clinic"));
        assertNull(TenantPaths.tenantSegment("/q/health"));
    }
}
