package io.tenfold.fhir.search.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class DateRangesTest {

    private static void assertRange(String value, String low, String high) {
        assertArrayEquals(new Instant[] {Instant.parse(low), Instant.parse(high)}, DateRanges.of(value), value);
    }

    @Test
    void rangeFollowsPrecision() {
        assertRange("2020", "2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z");
        assertRange("2020-02", "2020-02-01T00:00:00Z", "2020-03-01T00:00:00Z");
        assertRange("2020-02-28", "2020-02-28T00:00:00Z", "2020-02-29T00:00:00Z");
        assertRange("2020-02-28T10:15:30Z", "2020-02-28T10:15:30Z", "2020-02-28T10:15:31Z");
        assertRange("2020-02-28T10:15:30.123Z", "2020-02-28T10:15:30.123Z", "2020-02-28T10:15:30.124Z");
        assertRange("2020-02-28T10:15:30.1Z", "2020-02-28T10:15:30.100Z", "2020-02-28T10:15:30.200Z");
    }

    @Test
    void zonesAreApplied() {
        assertRange("2020-02-28T10:15:30+02:00", "2020-02-28T08:15:30Z", "2020-02-28T08:15:31Z");
        assertRange("2020-02-28T10:15:30", "2020-02-28T10:15:30Z", "2020-02-28T10:15:31Z");
    }

    @Test
    void extremesStayStorable() {
        assertRange("9999", "9999-01-01T00:00:00Z", "9999-12-31T23:59:59Z");
        assertNull(DateRanges.of("0000"));
        assertNull(DateRanges.of("yesterday"));
        assertNull(DateRanges.of("2020-13-01"));
    }
}
