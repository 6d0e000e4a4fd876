package io.tenfold.fhir.search.index;

/** {@code grp}: the element of a composite parameter the row was taken from; null for other parameters. */
public record ReferenceRow(String param, String targetType, String targetId, String url, Integer grp) {

    public ReferenceRow(String param, String targetType, String targetId, String url) {
        this(param, targetType, targetId, url, null);
    }

    ReferenceRow inGroup(Integer group) {
        return new ReferenceRow(param, targetType, targetId, url, group);
    }
}
