package io.tenfold.fhir.search.index;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the rows of one resource, dropping duplicates, in first-seen order. Between {@link #group} and
 * {@link #endGroup}, rows carry the group of the composite element they come from.
 */
final class IndexRowsBuilder {

    private final Set<TokenRow> tokens = new LinkedHashSet<>();
    private final Set<StringRow> strings = new LinkedHashSet<>();
    private final Set<ReferenceRow> references = new LinkedHashSet<>();
    private final Set<DateRow> dates = new LinkedHashSet<>();
    private final Set<NumberRow> numbers = new LinkedHashSet<>();
    private final Set<QuantityRow> quantities = new LinkedHashSet<>();
    private final Set<UriRow> uris = new LinkedHashSet<>();
    private final Set<String> patientCompartment = new LinkedHashSet<>();
    private Integer group;
    private int groups;

    /** Starts a new group: the rows added until {@link #endGroup} belong to one element of a composite. */
    void group() {
        group = groups++;
    }

    void endGroup() {
        group = null;
    }

    void token(String param, String system, String code, String text) {
        if (isBlank(code) && isBlank(system) && isBlank(text)) {
            return;
        }
        tokens.add(new TokenRow(param, emptyToNull(system), emptyToNull(code), emptyToNull(text), group));
    }

    void string(String param, String normalized, String exact) {
        if (!isBlank(exact)) {
            strings.add(new StringRow(param, normalized, exact, group));
        }
    }

    /** Adds the row (ignored when null) and returns it. */
    ReferenceRow reference(ReferenceRow row) {
        if (row == null) {
            return null;
        }
        ReferenceRow grouped = group == null ? row : row.inGroup(group);
        references.add(grouped);
        return grouped;
    }

    void date(String param, Instant low, Instant high) {
        dates.add(new DateRow(param, low, high, group));
    }

    void number(String param, BigDecimal value) {
        if (value != null) {
            numbers.add(new NumberRow(param, value, group));
        }
    }

    void quantity(String param, String system, String code, BigDecimal value) {
        if (value != null) {
            quantities.add(new QuantityRow(param, emptyToNull(system), emptyToNull(code), value, group));
        }
    }

    void uri(String param, String value) {
        if (!isBlank(value)) {
            uris.add(new UriRow(param, value));
        }
    }

    void patient(String id) {
        if (!isBlank(id)) {
            patientCompartment.add(id);
        }
    }

    IndexRows build() {
        return new IndexRows(List.copyOf(tokens), List.copyOf(strings), List.copyOf(references),
                List.copyOf(dates), List.copyOf(numbers), List.copyOf(quantities), List.copyOf(uris),
                Set.copyOf(patientCompartment));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
