package io.tenfold.fhir.search.index;

/**
 * A date search value as the half-open interval {@code [low, high)} it covers: {@code low} is
 * inclusive, {@code high} is EXCLUSIVE. A dateTime of precision year 2020 gives
 * {@code [2020-01-01T00:00:00Z, 2021-01-01T00:00:00Z)}, an instant with milliseconds a 1 ms interval.
 * Values without a zone are read as UTC. Open ends (a Period without start or end) use
 * {@link DateRanges#MIN} ({@code 0001-01-01T00:00:00Z}) and {@link DateRanges#MAX}
 * ({@code 9999-12-31T23:59:59Z}), which PostgreSQL {@code timestamptz} stores as they are. {@code grp}: the
 * element of a composite parameter the row was taken from; null for other parameters.
 */
public record DateRow(String param, java.time.Instant low, java.time.Instant high, Integer grp) {

    public DateRow(String param, java.time.Instant low, java.time.Instant high) {
        this(param, low, high, null);
    }
}
