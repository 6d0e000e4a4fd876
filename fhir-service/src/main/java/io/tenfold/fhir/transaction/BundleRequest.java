package io.tenfold.fhir.transaction;

import java.util.List;
import java.util.Map;

/**
 * A batch or transaction Bundle as read, its entries in their original order; {@code created} maps the fullUrls
 * (and, for absolute ones, their {@code Type/id}) of a transaction's creates and literal updates to their
 * {@code Type/id}.
 */
record BundleRequest(boolean transaction, List<BundleEntry> entries, Map<String, String> created) {

    BundleRequest {
        created = Map.copyOf(created);
    }
}
