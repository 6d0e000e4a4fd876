package io.tenfold.tenant.registry;

import java.util.regex.Pattern;

/**
 * Ids of users, clients and access policies follow FHIR's id rules: 1 to 64 of {@code A-Z a-z 0-9 - .}. They are
 * unique across the install for each kind (the URL names no tenant).
 */
public final class RegistryIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private RegistryIds() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** An id from a URL: one that cannot exist is simply not found (and never reaches the database). */
    public static String fromPath(String id, RegistryKind kind) {
        if (!isValid(id)) {
            throw kind.notFound();
        }
        return id;
    }
}
