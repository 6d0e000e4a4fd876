package io.tenfold.fhir.search.index;

public record ReferenceRow(String param, String targetType, String targetId, String url) {
}
