package io.tenfold.fhir.search.index;

/** {@code grp}: the element of a composite parameter the row was taken from; null for other parameters. */
public record QuantityRow(String param, String system, String code, java.math.BigDecimal value, Integer grp) {

    public QuantityRow(String param, String system, String code, java.math.BigDecimal value) {
        this(param, system, code, value, null);
    }
}
