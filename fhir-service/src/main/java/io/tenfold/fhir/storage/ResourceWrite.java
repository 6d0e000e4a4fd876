package io.tenfold.fhir.storage;

import java.util.List;

import io.tenfold.fhir.search.index.IndexRows;

/**
 * A new version of one resource, ready to store: its body (null for a deletion) with {@code id} and {@code meta}
 * already set, its search index and compartments, and whether it replaces an existing version (whose index
 * rows then go).
 */
public record ResourceWrite(String type, String id, int version, Method method, String body, IndexRows index,
        List<String> compartments) {

    /** The interaction that wrote the version, as kept in the history. */
    public enum Method {
        POST, PUT, PATCH, DELETE
    }

    public ResourceWrite {
        compartments = compartments == null ? List.of() : List.copyOf(compartments);
    }

    public boolean deleted() {
        return method == Method.DELETE;
    }

    /** The first version of a resource has no index rows to replace. */
    public boolean replaces() {
        return version > 1;
    }
}
