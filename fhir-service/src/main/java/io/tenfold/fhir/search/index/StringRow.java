package io.tenfold.fhir.search.index;

/** {@code grp}: the element of a composite parameter the row was taken from; null for other parameters. */
public record StringRow(String param, String normalized, String exact, Integer grp) {

    public StringRow(String param, String normalized, String exact) {
        this(param, normalized, exact, null);
    }
}
