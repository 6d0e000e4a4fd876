package io.tenfold.tenant.registry;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tenfold.commons.tenant.TenantId;

/**
 * What every registry resource starts with: its id and its tenant. The tenant is named as Smartbox does,
 * {@code meta: {tenant: {resourceType: Tenant, id: my-clinic}}}, or shortly {@code tenant: {...}}; a resource with
 * neither is global. Other members of {@code meta} ({@code versionId}, {@code lastUpdated}) are the server's and
 * ignored, so that a document read with GET can be sent back with PUT.
 */
public record Header(String id, String tenantId) {

    /** The top-level elements every registry resource may have besides its own. */
    public static final Set<String> ELEMENTS = Set.of("resourceType", "id", "meta", "tenant");
    private static final Set<String> TENANT_TYPE = Set.of("Tenant");

    /** The top-level elements of a kind of resource: its own and {@link #ELEMENTS}. */
    public static Set<String> elements(String... own) {
        Set<String> all = new HashSet<>(ELEMENTS);
        all.addAll(Set.of(own));
        return Set.copyOf(all);
    }

    /**
     * Reads the id (from the body or, for {@code PUT /Kind/{id}}, the URL; a new UUID when neither names one)
     * and the tenant.
     */
    public static Header read(Element root, String pathId) {
        String id = root.get("id").text(64);
        if (pathId != null && id != null && !id.equals(pathId)) {
            throw root.get("id").invalid("id-mismatch", root.path() + ".id \"" + id
                    + "\" does not match the id in the URL");
        }
        if (id == null) {
            id = pathId != null ? pathId : UUID.randomUUID().toString();
        }
        if (!RegistryIds.isValid(id)) {
            throw root.get("id").invalid("id-invalid", root.path()
                    + ".id must be 1 to 64 letters, digits, '-' or '.'");
        }
        return new Header(id, tenant(root));
    }

    /** The tenant the body names in {@code meta.tenant} or {@code tenant}, or null for a global resource. */
    public static String tenant(Element root) {
        Element meta = root.get("meta").object();
        String fromMeta = tenantId(meta.get("tenant"));
        String shortForm = tenantId(root.get("tenant"));
        if (fromMeta != null && shortForm != null && !fromMeta.equals(shortForm)) {
            throw root.get("tenant").invalid("tenant-mismatch", root.path() + ".tenant and " + root.path()
                    + ".meta.tenant name different tenants");
        }
        return fromMeta != null ? fromMeta : shortForm;
    }

    private static String tenantId(Element element) {
        if (!element.isPresent()) {
            return null;
        }
        String id = Reference.read(element, TENANT_TYPE, "Tenant").id();
        if (!TenantId.isValid(id)) {
            throw element.get("id").invalid("tenant-invalid", element.path()
                    + ".id is not a tenant id (2 to 63 lower-case letters, digits or '-')");
        }
        return id;
    }

    /** The resource's {@code meta} as stored: only the tenant, if any (the rest is added when it is shown). */
    public ObjectNode meta() {
        ObjectNode meta = JsonNodeFactory.instance.objectNode();
        if (tenantId != null) {
            meta.set("tenant", new Reference("Tenant", tenantId).toJson());
        }
        return meta;
    }

    /** The tenant the row is stored under: the tenant, or {@link TenantId#GLOBAL}. */
    public String scope() {
        return tenantId == null ? TenantId.GLOBAL : tenantId;
    }
}
