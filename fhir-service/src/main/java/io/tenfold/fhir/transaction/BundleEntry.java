package io.tenfold.fhir.transaction;

import java.util.List;

import org.hl7.fhir.r4.model.Resource;

import io.tenfold.commons.error.OperationOutcomeException;

/**
 * One entry of a batch or transaction as read: its request ({@code method}, {@code url}, {@code ifMatch},
 * {@code ifNoneExist}), its resource parsed (or the JSON Patch of a PATCH), the id a create would get, and
 * which of its references can only be resolved against the database ({@code lateReferences}: references to
 * conditionally created or updated entries, and the conditional references in {@code conditionalReferences}).
 * {@code failure} is set instead when the entry cannot be processed (only in a batch: a transaction fails whole).
 */
record BundleEntry(int index, String method, EntryUrl url, String fullUrl, String ifMatch, String ifNoneExist,
        Resource resource, byte[] patch, String assignedId, boolean lateReferences,
        List<String> conditionalReferences, OperationOutcomeException failure) {

    BundleEntry {
        conditionalReferences = conditionalReferences == null ? List.of() : List.copyOf(conditionalReferences);
    }

    static BundleEntry failed(int index, String method, OperationOutcomeException failure) {
        return new BundleEntry(index, method, null, null, null, null, null, null, null, false, null, failure);
    }

    /** A search ({@code GET Type?query} or {@code GET Type}). */
    boolean search() {
        return failure == null && method.equals("GET") && url.id() == null;
    }

    /** The order a transaction processes entries in: DELETE, POST, PUT and PATCH, then GET and HEAD. */
    int rank() {
        return switch (method) {
            case "DELETE" -> 0;
            case "POST" -> 1;
            case "PUT", "PATCH" -> 2;
            default -> 3;
        };
    }
}
