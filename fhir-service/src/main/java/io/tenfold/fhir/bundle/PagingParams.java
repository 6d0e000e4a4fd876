package io.tenfold.fhir.bundle;

import io.tenfold.commons.error.InvalidRequestException;

/** {@code _count}: entries per page, 50 unless asked, at most 1,000. */
public final class PagingParams {

    public static final int DEFAULT_COUNT = 50;
    public static final int MAX_COUNT = 1000;

    private PagingParams() {
    }

    public static int count(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_COUNT;
        }
        try {
            int count = Integer.parseInt(value.trim());
            if (count < 0) {
                throw new NumberFormatException();
            }
            return Math.min(count, MAX_COUNT);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("count-invalid", "_count must be a whole number >= 0", "_count");
        }
    }
}
