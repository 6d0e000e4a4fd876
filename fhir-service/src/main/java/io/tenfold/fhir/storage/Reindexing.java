package io.tenfold.fhir.storage;

import java.util.List;

import io.tenfold.fhir.search.index.IndexRows;

/** The index rows (and compartments) computed again for version {@code version} of a stored resource. */
public record Reindexing(String type, String id, int version, IndexRows index, List<String> compartments) {
}
