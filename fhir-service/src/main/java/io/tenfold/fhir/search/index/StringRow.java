package io.tenfold.fhir.search.index;

public record StringRow(String param, String normalized, String exact) {
}
