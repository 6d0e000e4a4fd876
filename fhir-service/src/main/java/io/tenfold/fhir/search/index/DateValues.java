package io.tenfold.fhir.search.index;

import java.time.Instant;

import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Timing;

/**
 * Date rows ({@code [low, high)}, see {@link DateRow}): date, dateTime and instant by precision;
 * Period from its start's low to its end's high, an open end as {@link DateRanges#MIN} or
 * {@link DateRanges#MAX}; Timing from its first event to its last, or its repeat.boundsPeriod.
 * Other types (Age, Range, string) give no row.
 */
final class DateValues {

    private DateValues() {
    }

    static void add(String param, Base value, IndexRowsBuilder out) {
        Instant[] range = null;
        if (value instanceof BaseDateTimeType date) {
            range = DateRanges.of(date);
        } else if (value instanceof Period period) {
            range = period(period);
        } else if (value instanceof Timing timing) {
            range = timing(timing);
        }
        if (range != null) {
            out.date(param, range[0], range[1]);
        }
    }

    private static Instant[] period(Period period) {
        Instant[] start = DateRanges.of(period.getStartElement());
        Instant[] end = DateRanges.of(period.getEndElement());
        if (start == null && end == null) {
            return null;
        }
        return new Instant[] {start == null ? DateRanges.MIN : start[0], end == null ? DateRanges.MAX : end[1]};
    }

    private static Instant[] timing(Timing timing) {
        Instant low = null;
        Instant high = null;
        for (DateTimeType event : timing.getEvent()) {
            Instant[] range = DateRanges.of(event);
            if (range != null) {
                low = low == null || range[0].isBefore(low) ? range[0] : low;
                high = high == null || range[1].isAfter(high) ? range[1] : high;
            }
        }
        if (low != null) {
            return new Instant[] {low, high};
        }
        if (timing.hasRepeat() && timing.getRepeat().hasBoundsPeriod()) {
            return period(timing.getRepeat().getBoundsPeriod());
        }
        return null;
    }
}
