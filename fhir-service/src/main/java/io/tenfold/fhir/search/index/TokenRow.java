package io.tenfold.fhir.search.index;

/** {@code grp}: the element of a composite parameter the row was taken from; null for other parameters. */
public record TokenRow(String param, String system, String code, String text, Integer grp) {

    public TokenRow(String param, String system, String code, String text) {
        this(param, system, code, text, null);
    }
}
