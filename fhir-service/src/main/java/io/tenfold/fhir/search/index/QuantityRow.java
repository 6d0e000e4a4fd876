package io.tenfold.fhir.search.index;

public record QuantityRow(String param, String system, String code, java.math.BigDecimal value) {
}
