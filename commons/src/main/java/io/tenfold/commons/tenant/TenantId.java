package io.tenfold.commons.tenant;

import java.util.regex.Pattern;

import io.tenfold.commons.error.InvalidRequestException;

/**
 * A tenant's id: lower-case letters, digits and dashes, 2 to 63 characters, starting with a letter or digit.
 */
public record TenantId(String value) {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    /**
     * The reserved key under which global registry rows (operators, global clients) live. It does not match
     * the pattern, so no tenant can take it.
     */
    public static final String GLOBAL = "_global";

    public TenantId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("invalid tenant id");
        }
    }

    /** Whether a string is a well-formed tenant id. */
    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    /** Parses a tenant id from a request; a malformed one is a client error. */
    public static TenantId parse(String value) {
        if (!isValid(value)) {
            throw new InvalidRequestException("tenant-id-invalid",
                    "Tenant id must match [a-z0-9][a-z0-9-]{1,62}");
        }
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
