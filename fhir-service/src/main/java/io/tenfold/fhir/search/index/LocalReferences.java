package io.tenfold.fhir.search.index;

import java.util.List;
import java.util.Set;

/**
 * Decides whether a reference string points into this server's own tenant. Own bases are
 * {@code {publicBaseUrl}/tenant/{tenant}/{audience}/smart-api} for each audience; relative
 * references ({@code Type/id}, {@code Type/id/_history/v}) are always local.
 *
 * <p>Immutable; build one per tenant (or per request) and reuse it.
 */
public final class LocalReferences {

    /** The audiences under which fhir-service serves a tenant's data, as in {@code docs/api.md}. */
    public static final List<String> AUDIENCES = List.of("patient", "provider");

    private static final String SMART_API = "/smart-api/";

    private final String origin;
    private final String tenant;
    private final List<String> ownBases;

    /**
     * @param publicBaseUrl this server's public origin, e.g. {@code http://localhost:8080} (a trailing
     *                      slash is ignored)
     * @param tenant        the tenant whose data is being written
     */
    public LocalReferences(String publicBaseUrl, String tenant) {
        this.origin = stripTrailingSlash(publicBaseUrl);
        this.tenant = tenant;
        this.ownBases = AUDIENCES.stream().map(a -> origin + "/tenant/" + tenant + "/" + a + "/smart-api/").toList();
    }

    /** The own bases with a trailing slash, e.g. {@code http://localhost:8080/tenant/t1/provider/smart-api/}. */
    public Set<String> bases() {
        return Set.copyOf(ownBases);
    }

    /**
     * The reference row for a reference string: local ({@code targetType}, {@code targetId} set and
     * {@code url} null) or external ({@code url} set, target null). Null for what is not indexed as a
     * reference: blank values and contained references ({@code #id}).
     */
    public ReferenceRow toRow(String param, String reference) {
        if (reference == null || reference.isBlank() || reference.startsWith("#")) {
            return null;
        }
        String ref = reference.trim();
        if (!isAbsolute(ref)) {
            String[] target = typeAndId(ref);
            return target == null ? new ReferenceRow(param, null, null, ref)
                    : new ReferenceRow(param, target[0], target[1], null);
        }
        for (String base : ownBases) {
            if (ref.startsWith(base)) {
                String[] target = typeAndId(ref.substring(base.length()));
                if (target != null) {
                    return new ReferenceRow(param, target[0], target[1], null);
                }
            }
        }
        return new ReferenceRow(param, null, null, ref);
    }

    /**
     * Whether an absolute reference names another tenant on this very server
     * ({@code {origin}/tenant/{other}/…/smart-api/…}); storage refuses those with 422.
     */
    public boolean isOtherTenantOfThisServer(String reference) {
        if (reference == null) {
            return false;
        }
        String prefix = origin + "/tenant/";
        if (!reference.startsWith(prefix)) {
            return false;
        }
        String rest = reference.substring(prefix.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return false;
        }
        String other = rest.substring(0, slash);
        return !other.equals(tenant) && rest.indexOf(SMART_API, slash) > 0;
    }

    private static boolean isAbsolute(String ref) {
        int colon = ref.indexOf(':');
        int slash = ref.indexOf('/');
        return colon > 0 && (slash < 0 || colon < slash);
    }

    /** {@code Type/id} or {@code Type/id/_history/v} (query or fragment dropped); null otherwise. */
    private static String[] typeAndId(String path) {
        String p = path;
        int cut = firstIndexOf(p, '?', '#');
        if (cut >= 0) {
            p = p.substring(0, cut);
        }
        String[] parts = p.split("/", -1);
        boolean plain = parts.length == 2;
        boolean versioned = parts.length == 4 && parts[2].equals("_history") && !parts[3].isEmpty();
        if (!(plain || versioned) || !isTypeName(parts[0]) || parts[1].isEmpty()) {
            return null;
        }
        return new String[] {parts[0], parts[1]};
    }

    private static boolean isTypeName(String s) {
        if (s.isEmpty() || !Character.isUpperCase(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Character.isLetterOrDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int firstIndexOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    private static String stripTrailingSlash(String url) {
        String u = url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
