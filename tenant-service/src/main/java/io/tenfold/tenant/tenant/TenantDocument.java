package io.tenfold.tenant.tenant;

import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.tenfold.commons.error.UnprocessableEntityException;
import io.tenfold.commons.tenant.TenantId;

/**
 * A Tenant as an operator sends it, in Smartbox's shape: {@code {"resourceType":"Tenant","id":"my-clinic",
 * "name":"My Clinic"}}. {@code meta} and {@code provisioning} are the server's and ignored on input, so a
 * document read with GET can be sent back with PUT.
 */
public record TenantDocument(String id, String name) {

    private static final int MAX_NAME = 200;
    private static final Set<String> KNOWN = Set.of("resourceType", "id", "name", "meta", "provisioning");

    /**
     * Validates a parsed body; {@code pathId} is the id of a {@code PUT /Tenant/{id}} (null for POST).
     */
    public static TenantDocument from(JsonNode body, String pathId) {
        if (!body.isObject()) {
            throw invalid("tenant-not-object", "The body must be a Tenant object", "Tenant");
        }
        JsonNode type = body.get("resourceType");
        if (type == null || !type.isTextual() || !"Tenant".equals(type.asText())) {
            throw invalid("resource-type-mismatch", "resourceType must be \"Tenant\"", "Tenant.resourceType");
        }
        for (Iterator<String> fields = body.fieldNames(); fields.hasNext();) {
            String field = fields.next();
            if (!KNOWN.contains(field)) {
                throw invalid("element-unknown", "Unknown element Tenant." + field, "Tenant." + field);
            }
        }
        String id = text(body, "id");
        if (pathId != null && id != null && !id.equals(pathId)) {
            throw invalid("id-mismatch", "Tenant.id \"" + id + "\" does not match the id in the URL", "Tenant.id");
        }
        if (id == null) {
            id = pathId;
        }
        if (id == null) {
            throw invalid("id-missing", "Tenant.id is required", "Tenant.id");
        }
        if (!TenantId.isValid(id)) {
            throw invalid("tenant-id-invalid",
                    "Tenant.id must be 2 to 63 lower-case letters, digits or '-', starting with a letter or digit",
                    "Tenant.id");
        }
        String name = text(body, "name");
        if (name == null || name.isBlank()) {
            throw invalid("name-missing", "Tenant.name is required", "Tenant.name");
        }
        if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw invalid("name-invalid", "Tenant.name must be at most " + MAX_NAME
                    + " characters without control characters", "Tenant.name");
        }
        JsonNode meta = body.get("meta");
        if (meta != null && !meta.isObject()) {
            throw invalid("meta-invalid", "Tenant.meta must be an object", "Tenant.meta");
        }
        return new TenantDocument(id, name.strip());
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(field + "-invalid", "Tenant." + field + " must be a string", "Tenant." + field);
        }
        return value.asText();
    }

    private static UnprocessableEntityException invalid(String code, String message, String expression) {
        return new UnprocessableEntityException(code, message, expression);
    }
}
