package io.tenfold.bulk.export;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.tenfold.commons.error.InvalidRequestException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Reads a kick-off's parameters, from its query (GET) or its {@code Parameters} body (POST), and its headers:
 * {@code Prefer: respond-async} is required, {@code Accept} must allow {@code application/fhir+json}. A
 * parameter this server does not apply ({@code _typeFilter}, {@code includeAssociatedData}, ...) is a 400 unless the client
 * asked for {@code Prefer: handling=lenient}, which ignores it. Every refusal is a 400 naming what is wrong.
 */
final class KickOffParser {

    /** {@code Patient/id}, an absolute URL ending so, or the bare id. */
    private static final Pattern PATIENT_REFERENCE = Pattern.compile(
            "(?:(?:.*/)?Patient/)?([A-Za-z0-9\\-.]{1,64})");
    private static final Set<String> OUTPUT_FORMATS = Set.of("application/fhir+ndjson", "application/ndjson",
            "ndjson");
    private static final Pattern ELEMENT = Pattern.compile("(?:[A-Z][A-Za-z]{1,63}\\.)?[a-z][A-Za-z0-9]{0,63}");
    private static final Set<String> NOT_APPLIED = Set.of("_typeFilter",
            "_until", "organizeOutputBy", "allowPartialManifests");

    private KickOffParser() {
    }

    /** The headers every kick-off must carry; returns whether the client asked for lenient handling. */
    static boolean headers(String accept, String prefer) {
        if (accept == null || accept.isBlank()) {
            throw new InvalidRequestException("accept-required",
                    "A kick-off needs the header Accept: application/fhir+json");
        }
        if (!accept.contains("application/fhir+json") && !accept.contains("application/json")
                && !accept.contains("*/*")) {
            throw new InvalidRequestException("accept-unsupported",
                    "A kick-off answers in application/fhir+json; Accept " + accept + " cannot be served");
        }
        if (prefer == null || !prefer.toLowerCase(Locale.ROOT).contains("respond-async")) {
            throw new InvalidRequestException("prefer-respond-async-required",
                    "A kick-off needs the header Prefer: respond-async (the export runs in the background)");
        }
        return prefer.toLowerCase(Locale.ROOT).replace(" ", "").contains("handling=lenient");
    }

    /** The parameters of a GET kick-off, by name (each with every value given). */
    static Params query(Map<String, List<String>> query, boolean lenient) {
        Params params = new Params();
        query.forEach((name, values) -> {
            for (String value : values) {
                params.add(name, value, lenient, false);
            }
        });
        return params;
    }

    /** The parameters of a POST kick-off: a FHIR {@code Parameters} resource. */
    static Params body(byte[] body, boolean lenient) {
        JsonObject parameters;
        try {
            parameters = body == null || body.length == 0 ? new JsonObject() : new JsonObject(
                    new String(body, StandardCharsets.UTF_8));
        } catch (DecodeException | ClassCastException e) {
            throw new InvalidRequestException("json-malformed", "The body is not a JSON object");
        }
        if (!"Parameters".equals(parameters.getValue("resourceType"))) {
            throw new InvalidRequestException("parameters-expected",
                    "A POST kick-off takes a Parameters resource (resourceType Parameters)");
        }
        Params params = new Params();
        Object list = parameters.getValue("parameter");
        if (list != null && !(list instanceof JsonArray)) {
            throw new InvalidRequestException("parameters-malformed", "Parameters.parameter must be an array");
        }
        for (Object item : list == null ? new JsonArray() : (JsonArray) list) {
            if (!(item instanceof JsonObject parameter) || !(parameter.getValue("name") instanceof String name)) {
                throw new InvalidRequestException("parameters-malformed", "Every parameter needs a name");
            }
            params.add(name, value(name, parameter), lenient, true);
        }
        return params;
    }

    private static String value(String name, JsonObject parameter) {
        for (String field : parameter.fieldNames()) {
            if (!field.startsWith("value")) {
                continue;
            }
            Object value = parameter.getValue(field);
            if (value instanceof JsonObject reference && field.equals("valueReference")
                    && reference.getValue("reference") instanceof String text) {
                return text;
            }
            if (value instanceof String || value instanceof Boolean || value instanceof Number) {
                return String.valueOf(value);
            }
        }
        throw new InvalidRequestException("parameter-value-missing", "Parameter " + name + " has no value");
    }

    /** The parameters of one kick-off, checked as they are added. */
    static final class Params {

        private final Set<String> types = new LinkedHashSet<>();
        private final List<String> patients = new ArrayList<>();
        private final Set<String> elements = new LinkedHashSet<>();
        private boolean typeGiven;
        private OffsetDateTime since;

        private void add(String name, String value, boolean lenient, boolean fromBody) {
            switch (name) {
                case "_outputFormat" -> {
                    if (!OUTPUT_FORMATS.contains(value)) {
                        throw new InvalidRequestException("output-format-unsupported", "_outputFormat " + value
                                + " is not offered; use application/fhir+ndjson", "_outputFormat");
                    }
                }
                case "_since" -> since = instant(value);
                case "includeAssociatedData" -> {
                    // optional in the spec; Provenance and other associated resources are exported by _type
                }
                case "_type" -> {
                    typeGiven = true;
                    for (String type : value.split(",")) {
                        String trimmed = type.trim();
                        if (!ResourceTypes.R4.contains(trimmed)) {
                            throw new InvalidRequestException("type-invalid",
                                    "_type holds '" + trimmed + "', which is not a FHIR R4 resource type", "_type");
                        }
                        types.add(trimmed);
                    }
                }
                case "_elements" -> {
                    for (String element : value.split(",")) {
                        String trimmed = element.trim();
                        if (!ELEMENT.matcher(trimmed).matches()) {
                            throw new InvalidRequestException("elements-invalid", "_elements holds '" + trimmed
                                    + "'; give element names, alone or after a type (name, Patient.birthDate)",
                                    "_elements");
                        }
                        elements.add(trimmed);
                    }
                }
                case "patient" -> {
                    if (!fromBody) {
                        throw new InvalidRequestException("patient-needs-post",
                                "The patient parameter is given in a POST kick-off's Parameters body", "patient");
                    }
                    var m = PATIENT_REFERENCE.matcher(value);
                    if (!m.matches()) {
                        throw new InvalidRequestException("patient-invalid",
                                "patient must reference a Patient (Patient/{id})", "patient");
                    }
                    patients.add(m.group(1));
                }
                default -> {
                    if (!lenient) {
                        throw new InvalidRequestException(NOT_APPLIED.contains(name) ? "parameter-unsupported"
                                : "parameter-unknown", "Parameter " + name + " is not supported by this server "
                                + "(send Prefer: handling=lenient to have it ignored)", name);
                    }
                }
            }
        }

        private static OffsetDateTime instant(String value) {
            OffsetDateTime since;
            try {
                // a '+' of an offset that was not percent-encoded arrives as a space
                since = OffsetDateTime.parse(value.trim().replace(' ', '+'));
            } catch (DateTimeParseException e) {
                throw new InvalidRequestException("since-invalid",
                        "_since must be an instant with a time zone, e.g. 2024-01-01T00:00:00Z", "_since");
            }
            if (since.isAfter(OffsetDateTime.now())) {
                throw new InvalidRequestException("since-in-future", "_since is in the future", "_since");
            }
            return since;
        }

        /** The request these parameters make at a level of the API. */
        ExportRequest request(ExportRequest.Kind kind, String groupId, String requestUrl) {
            if (!patients.isEmpty() && kind == ExportRequest.Kind.SYSTEM) {
                throw new InvalidRequestException("patient-not-here",
                        "The patient parameter belongs to a Patient or Group export", "patient");
            }
            return new ExportRequest(kind, groupId, typeGiven ? List.copyOf(types) : null, since,
                    patients.isEmpty() ? null : patients, elements.isEmpty() ? null : List.copyOf(elements),
                    requestUrl);
        }
    }
}
