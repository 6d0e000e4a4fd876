package io.tenfold.fhir.transaction;

import java.util.List;

/** A batch or transaction Bundle as read, its entries in their original order. */
record BundleRequest(boolean transaction, List<BundleEntry> entries) {
}
