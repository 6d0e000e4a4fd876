package io.tenfold.fhir.crud;

import io.tenfold.fhir.storage.StoredResource;

/** A version just stored, and whether it created the resource (201) rather than changing it (200). */
public record WriteResult(StoredResource stored, boolean created) {
}
