package io.tenfold.fhir.search.index;

public record DateRow(String param, java.time.Instant low, java.time.Instant high) {
}
