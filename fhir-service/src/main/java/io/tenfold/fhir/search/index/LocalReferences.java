package io.tenfold.fhir.search.index;

/** TEMPORARY (replaced by the search-index branch): which references point into this server's tenant. */
public final class LocalReferences {

    private final String origin;
    private final String tenant;

    public LocalReferences(String publicBaseUrl, String tenant) {
        this.origin = publicBaseUrl;
        this.tenant = tenant;
    }

    public boolean isOtherTenantOfThisServer(String reference) {
        String prefix = origin + "/tenant/";
        if (reference == null || !reference.startsWith(prefix)) {
            return false;
        }
        String rest = reference.substring(prefix.length());
        int slash = rest.indexOf('/');
        return slash > 0 && !rest.substring(0, slash).equals(tenant);
    }
}
