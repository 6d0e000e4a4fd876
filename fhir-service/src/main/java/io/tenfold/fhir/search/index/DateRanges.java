package io.tenfold.fhir.search.index;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hl7.fhir.instance.model.api.IPrimitiveType;

/** Turns FHIR date, dateTime and instant strings into the {@code [low, high)} range they cover. */
public final class DateRanges {

    /** Substitute for an open start: PostgreSQL's {@code -infinity} has no {@link Instant}. */
    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    /** Substitute for an open end. */
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59Z");

    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})(?:-(\\d{2})(?:-(\\d{2})(?:T(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9})\\d*)?)?"
                    + "(Z|[+-]\\d{2}:\\d{2})?)?)?)?");

    private DateRanges() {
    }

    /** The range, or null when the value is absent or not a FHIR date/dateTime/instant. */
    public static Instant[] of(IPrimitiveType<?> value) {
        return value == null ? null : of(value.getValueAsString());
    }

    public static Instant[] of(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = DATE_TIME.matcher(value.trim());
        if (!m.matches()) {
            return null;
        }
        int year = Integer.parseInt(m.group(1));
        if (year < 1) {
            return null;
        }
        try {
            ZoneOffset zone = m.group(8) == null ? ZoneOffset.UTC : ZoneOffset.of(m.group(8));
            LocalDateTime low;
            LocalDateTime high;
            if (m.group(2) == null) {
                low = LocalDateTime.of(year, 1, 1, 0, 0);
                high = low.plusYears(1);
            } else if (m.group(3) == null) {
                low = LocalDateTime.of(year, Integer.parseInt(m.group(2)), 1, 0, 0);
                high = low.plusMonths(1);
            } else if (m.group(4) == null) {
                low = LocalDateTime.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), 0, 0);
                high = low.plusDays(1);
            } else {
                LocalDateTime minute = LocalDateTime.of(year, Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
                if (m.group(6) == null) {
                    low = minute;
                    high = low.plusMinutes(1);
                } else if (m.group(7) == null) {
                    low = minute.plusSeconds(Integer.parseInt(m.group(6)));
                    high = low.plusSeconds(1);
                } else {
                    String fraction = m.group(7);
                    long nanos = Long.parseLong((fraction + "000000000").substring(0, 9));
                    low = minute.plusSeconds(Integer.parseInt(m.group(6))).plusNanos(nanos);
                    high = low.plusNanos(pow10(9 - fraction.length()));
                }
            }
            return new Instant[] {clamp(low.toInstant(zone)), clamp(high.toInstant(zone))};
        } catch (RuntimeException e) {
            return null;
        }
    }

    static Instant clamp(Instant i) {
        return i.isBefore(MIN) ? MIN : i.isAfter(MAX) ? MAX : i;
    }

    private static long pow10(int n) {
        long v = 1;
        for (int i = 0; i < n; i++) {
            v *= 10;
        }
        return v;
    }
}
