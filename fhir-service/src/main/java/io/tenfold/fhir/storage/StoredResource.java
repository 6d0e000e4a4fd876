package io.tenfold.fhir.storage;

import java.time.Instant;
import java.util.List;

/**
 * One version of a resource as stored: {@code body} is its JSON with {@code id} and {@code meta} as served (null
 * when the version is a deletion); {@code compartments} the Patients whose compartment holds it.
 */
public record StoredResource(String type, String id, int version, Instant lastUpdated, boolean deleted,
        String method, String body, List<String> compartments) {

    public StoredResource {
        compartments = compartments == null ? List.of() : List.copyOf(compartments);
    }

    /** The weak ETag of this version, {@code W/"3"}. */
    public String etag() {
        return "W/\"" + version + "\"";
    }

    public boolean inCompartmentOf(String patient) {
        return compartments.contains(patient);
    }
}
