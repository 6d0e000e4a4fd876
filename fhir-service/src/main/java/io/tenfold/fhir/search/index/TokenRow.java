package io.tenfold.fhir.search.index;

public record TokenRow(String param, String system, String code, String text) {
}
