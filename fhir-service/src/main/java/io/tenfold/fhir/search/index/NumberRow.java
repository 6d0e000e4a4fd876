package io.tenfold.fhir.search.index;

/** {@code grp}: the element of a composite parameter the row was taken from; null for other parameters. */
public record NumberRow(String param, java.math.BigDecimal value, Integer grp) {

    public NumberRow(String param, java.math.BigDecimal value) {
        this(param, value, null);
    }
}
