package io.tenfold.fhir.storage;

/** A stored resource whose index rows follow older indexing rules than the running ones. */
public record StaleIndex(String tenant, String type, String id, int version, String body) {
}
