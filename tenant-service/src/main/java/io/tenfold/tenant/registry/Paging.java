package io.tenfold.tenant.registry;

import io.tenfold.commons.error.InvalidRequestException;

/** {@code _count} (1 to 1000, default 50) and {@code _page} (from 1) of a search. */
public record Paging(int count, int page) {

    private static final int DEFAULT_COUNT = 50;
    private static final int MAX_COUNT = 1000;

    public static Paging of(String count, String page) {
        return new Paging(number("_count", count, DEFAULT_COUNT, 1, MAX_COUNT),
                number("_page", page, 1, 1, Integer.MAX_VALUE));
    }

    public int offset() {
        return (int) Math.min(Integer.MAX_VALUE, (long) count * (page - 1));
    }

    public boolean hasNext(long total) {
        return (long) count * page < total;
    }

    private static int number(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new InvalidRequestException("parameter-invalid",
                name + " must be a whole number from " + min + " to " + max, name);
    }
}
