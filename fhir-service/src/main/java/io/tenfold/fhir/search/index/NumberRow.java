package io.tenfold.fhir.search.index;

public record NumberRow(String param, java.math.BigDecimal value) {
}
