package io.tenfold.tenant.registry;

import java.util.Set;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A reference in Smartbox's shape, {@code {resourceType: Patient, id: pt-1}}. */
public record Reference(String resourceType, String id) {

    private static final Set<String> MEMBERS = Set.of("resourceType", "id");

    /**
     * Reads a reference whose type is one of {@code types}; {@code defaultType}, when not null, may be left out.
     * The id must be a FHIR id.
     */
    public static Reference read(Element element, Set<String> types, String defaultType) {
        element.object().allowOnly(MEMBERS);
        String type = element.get("resourceType").text(64);
        if (type == null) {
            type = defaultType;
        }
        if (type == null || !types.contains(type)) {
            throw element.get("resourceType").invalid("reference-type-invalid",
                    element.path() + ".resourceType must be one of " + String.join(", ", types.stream().sorted()
                            .toList()));
        }
        String id = element.get("id").requiredText(64);
        if (!RegistryIds.isValid(id)) {
            throw element.get("id").invalid("reference-id-invalid", element.path()
                    + ".id must be 1 to 64 letters, digits, '-' or '.'");
        }
        return new Reference(type, id);
    }

    public ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode().put("resourceType", resourceType).put("id", id);
    }
}
