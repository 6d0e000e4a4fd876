package io.tenfold.commons.event;

import io.tenfold.commons.tenant.TenantId;

/**
 * Keys of the registry state topics ({@code tenfold.users}, {@code tenfold.clients},
 * {@code tenfold.access-policies}): {@code tenantId/id}, with {@link TenantId#GLOBAL} for global rows
 * (operators, operator clients).
 */
public final class RegistryKeys {

    private RegistryKeys() {
    }

    public static String key(String tenantId, String id) {
        return (tenantId == null ? TenantId.GLOBAL : tenantId) + "/" + id;
    }

    /** The tenant part of a key ({@link TenantId#GLOBAL} for global rows), or null if malformed. */
    public static String tenantOf(String key) {
        int slash = key == null ? -1 : key.indexOf('/');
        return slash <= 0 ? null : key.substring(0, slash);
    }

    /** The id part of a key, or null if malformed. */
    public static String idOf(String key) {
        int slash = key == null ? -1 : key.indexOf('/');
        return slash <= 0 || slash == key.length() - 1 ? null : key.substring(slash + 1);
    }
}
