package io.tenfold.fhir.search.query;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.tenfold.commons.error.InvalidRequestException;

/**
 * A value of {@code near}: {@code latitude|longitude|distance|units} (WGS84 degrees), the distance in kilometres.
 * Units are UCUM {@code km} (the default), {@code m}, {@code [mi_i]} or {@code [mi_us]} ({@code mi} is taken as
 * {@code [mi_i]}). Without a distance only the exact position matches: the specification leaves "near" to the
 * server, and an exact match is the one answer that cannot surprise.
 */
record NearValue(double latitude, double longitude, double kilometres) {

    private static final Map<String, Double> KILOMETRES_PER_UNIT = Map.of("km", 1.0, "m", 0.001,
            "[mi_i]", 1.609344, "mi", 1.609344, "[mi_us]", 1.609347219);

    static NearValue parse(String written) {
        List<String> parts = List.of(written.split("\\|", -1));
        if (parts.size() < 2 || parts.size() > 4) {
            throw invalid(written, "expected latitude|longitude|distance|units");
        }
        double latitude = number(parts.get(0), written, "latitude");
        double longitude = number(parts.get(1), written, "longitude");
        if (latitude < -90 || latitude > 90) {
            throw invalid(written, "the latitude must be between -90 and 90");
        }
        if (longitude < -180 || longitude > 180) {
            throw invalid(written, "the longitude must be between -180 and 180");
        }
        String distance = parts.size() > 2 ? parts.get(2) : "";
        String units = parts.size() > 3 && !parts.get(3).isEmpty() ? parts.get(3) : "km";
        Double perUnit = KILOMETRES_PER_UNIT.get(units);
        if (perUnit == null) {
            throw invalid(written, "units must be km, m, [mi_i] or [mi_us]");
        }
        if (distance.isEmpty()) {
            return new NearValue(latitude, longitude, 0);
        }
        double amount = number(distance, written, "distance");
        if (amount < 0) {
            throw invalid(written, "the distance must not be negative");
        }
        return new NearValue(latitude, longitude, amount * perUnit);
    }

    private static double number(String text, String written, String what) {
        double value;
        try {
            value = new BigDecimal(text).doubleValue();
        } catch (NumberFormatException e) {
            throw invalid(written, "the " + what + " '" + text + "' is not a decimal number");
        }
        if (!Double.isFinite(value)) {
            throw invalid(written, "the " + what + " '" + text + "' is out of range");
        }
        return value;
    }

    private static InvalidRequestException invalid(String written, String why) {
        return new InvalidRequestException("search-value-invalid", "near '" + written + "': " + why);
    }
}
