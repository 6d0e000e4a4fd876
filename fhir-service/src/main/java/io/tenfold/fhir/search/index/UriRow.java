package io.tenfold.fhir.search.index;

public record UriRow(String param, String value) {
}
