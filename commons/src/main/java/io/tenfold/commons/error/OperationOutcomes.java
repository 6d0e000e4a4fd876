package io.tenfold.commons.error;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds FHIR {@code OperationOutcome} JSON without the HAPI model (commons stays small). */
public final class OperationOutcomes {

    /** The code system of Tenfold's stable error codes, carried in {@code issue.details.coding}. */
    public static final String ERROR_CODE_SYSTEM = "https://tenfold.io/fhir/CodeSystem/error";

    private OperationOutcomes() {
    }

    public static ObjectNode of(OperationOutcomeException e) {
        return issue("error", e.issueType(), e.code(), e.diagnostics(), e.expression());
    }

    public static ObjectNode issue(String severity, String issueType, String code, String diagnostics,
            List<String> expression) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode outcome = json.objectNode();
        outcome.put("resourceType", "OperationOutcome");
        ObjectNode issue = outcome.putArray("issue").addObject();
        issue.put("severity", severity);
        issue.put("code", issueType);
        if (code != null) {
            ObjectNode coding = issue.putObject("details").putArray("coding").addObject();
            coding.put("system", ERROR_CODE_SYSTEM);
            coding.put("code", code);
        }
        if (diagnostics != null) {
            issue.put("diagnostics", diagnostics);
        }
        if (expression != null && !expression.isEmpty()) {
            ArrayNode array = issue.putArray("expression");
            expression.forEach(array::add);
        }
        return outcome;
    }
}
