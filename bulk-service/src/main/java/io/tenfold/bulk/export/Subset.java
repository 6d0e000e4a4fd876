package io.tenfold.bulk.export;

import java.util.LinkedHashSet;
import java.util.Set;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code _elements} applied to one type's resources: each keeps {@code resourceType}, {@code id}, {@code meta}
 * and the listed elements that apply to its type ({@code name}, or {@code Patient.name} for Patients only; a
 * choice element by its base name, {@code value} for {@code valueQuantity}), and is tagged {@code SUBSETTED} as
 * FHIR asks of a resource that is not whole. Elements the base specification makes mandatory are not added: a
 * subsetted resource need not be valid.
 */
final class Subset {

    static final String SUBSETTED_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";
    /** The R4 data types a choice element ({@code [x]}) can take: the suffixes of its JSON names. */
    private static final Set<String> CHOICE_TYPES = Set.of("Base64Binary", "Boolean", "Canonical", "Code", "Date",
            "DateTime", "Decimal", "Id", "Instant", "Integer", "Markdown", "Oid", "PositiveInt", "String", "Time",
            "UnsignedInt", "Uri", "Url", "Uuid", "Address", "Age", "Annotation", "Attachment", "CodeableConcept",
            "Coding", "ContactPoint", "Count", "Distance", "Duration", "HumanName", "Identifier", "Money", "Period",
            "Quantity", "Range", "Ratio", "Reference", "SampledData", "Signature", "Timing", "ContactDetail",
            "Contributor", "DataRequirement", "Expression", "ParameterDefinition", "RelatedArtifact",
            "TriggerDefinition", "UsageContext", "Dosage", "Meta");

    private final Set<String> names;

    private Subset(Set<String> names) {
        this.names = names;
    }

    /** The elements of {@code elements} that apply to {@code type}. */
    static Subset of(String type, String[] elements) {
        Set<String> names = new LinkedHashSet<>();
        for (String element : elements) {
            int dot = element.indexOf('.');
            if (dot < 0) {
                names.add(element);
            } else if (element.substring(0, dot).equals(type)) {
                names.add(element.substring(dot + 1));
            }
        }
        return new Subset(names);
    }

    /** The stored JSON of a resource, subsetted. */
    String apply(String json) {
        JsonObject resource = new JsonObject(json);
        JsonObject kept = new JsonObject().put("resourceType", resource.getValue("resourceType"))
                .put("id", resource.getValue("id"));
        JsonObject meta = resource.getJsonObject("meta") == null ? new JsonObject()
                : resource.getJsonObject("meta").copy();
        JsonArray tags = meta.getJsonArray("tag") == null ? new JsonArray() : meta.getJsonArray("tag");
        tags.add(new JsonObject().put("system", SUBSETTED_SYSTEM).put("code", "SUBSETTED"));
        kept.put("meta", meta.put("tag", tags));
        for (String field : resource.fieldNames()) {
            if (!kept.containsKey(field) && wanted(field)) {
                kept.put(field, resource.getValue(field));
            }
        }
        return kept.encode();
    }

    private boolean wanted(String field) {
        if (names.contains(field)) {
            return true;
        }
        for (String name : names) {
            if (field.startsWith(name) && CHOICE_TYPES.contains(field.substring(name.length()))) {
                return true; // value[x] as valueQuantity, ...
            }
        }
        return false;
    }
}
