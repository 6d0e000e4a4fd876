package io.tenfold.tenant.registry;

import java.io.Serializable;
import java.util.Objects;

/** The primary key of every registry row: {@code (tenant_id, id)}, tenant first. */
public class RegistryKey implements Serializable {

    private static final long serialVersionUID = 1L;

    public String tenantId;
    public String id;

    public RegistryKey() {
    }

    public RegistryKey(String tenantId, String id) {
        this.tenantId = tenantId;
        this.id = id;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RegistryKey key && Objects.equals(tenantId, key.tenantId)
                && Objects.equals(id, key.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenantId, id);
    }
}
