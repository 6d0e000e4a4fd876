package io.tenfold.commons.tenant;

/**
 * Path conventions shared by every service: {@code /tenant/{t}/{patient|provider}/auth},
 * {@code /tenant/{t}/{patient|provider}/smart-api}, {@code /tenant/{t}/patient/portal}, {@code /tenant/{t}/bulk-api}.
 */
public final class TenantPaths {

    public static final String PREFIX = "/tenant/";

    private TenantPaths() {
    }

    /** The issuer of a tenant's authorization server for an audience. */
    public static String issuer(String baseUrl, TenantId tenant, Audience audience) {
        return trim(baseUrl) + PREFIX + tenant.value() + "/" + audience.segment() + "/auth";
    }

    /** An endpoint of a tenant's authorization server, e.g. {@code token}, {@code jwks}. */
    public static String authEndpoint(String baseUrl, TenantId tenant, Audience audience, String endpoint) {
        return issuer(baseUrl, tenant, audience) + "/" + endpoint;
    }

    /** The FHIR base URL of a tenant for an audience: the {@code aud} of its tokens. */
    public static String fhirBase(String baseUrl, TenantId tenant, Audience audience) {
        return trim(baseUrl) + PREFIX + tenant.value() + "/" + audience.segment() + "/smart-api";
    }

    /** The patient portal of a tenant. */
    public static String portal(String baseUrl, TenantId tenant) {
        return trim(baseUrl) + PREFIX + tenant.value() + "/patient/portal";
    }

    /** The bulk data API base of a tenant. */
    public static String bulkBase(String baseUrl, TenantId tenant) {
        return trim(baseUrl) + PREFIX + tenant.value() + "/bulk-api";
    }

    /**
     * The raw tenant segment of a request path under {@code /tenant/}, or {@code null} if the path is not
     * tenant-scoped. The segment is not validated.
     */
    public static String tenantSegment(String path) {
        if (path == null || !path.startsWith(PREFIX)) {
            return null;
        }
        int end = path.indexOf('/', PREFIX.length());
        return end < 0 ? path.substring(PREFIX.length()) : path.substring(PREFIX.length(), end);
    }

    /** A path of the platform as a URL under {@code baseUrl} (with or without its trailing slash). */
    public static String url(String baseUrl, String path) {
        return trim(baseUrl) + path;
    }

    /**
     * Whether a request path is an OAuth endpoint: under a tenant's authorization server
     * ({@code /tenant/{t}/{patient|provider}/auth/...}) or the operator issuer ({@code /auth/...}).
     */
    public static boolean isAuthorizationServer(String path) {
        if (path.startsWith("/auth/")) {
            return true;
        }
        String segment = tenantSegment(path);
        if (segment == null) {
            return false;
        }
        String rest = path.substring(PREFIX.length() + segment.length());
        for (Audience audience : Audience.values()) {
            if (rest.startsWith("/" + audience.segment() + "/auth/")) {
                return true;
            }
        }
        return false;
    }

    private static String trim(String baseUrl) {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }
}
