package io.tenfold.fhir.operation;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.r4.model.Resource;

import io.tenfold.commons.error.OperationOutcomeException;
import io.tenfold.commons.error.OperationOutcomes;
import io.tenfold.fhir.crud.ResourceService;

/**
 * {@code [type]/$validate}: the checks a create would make (strict R4 parse, the type of the URL, well-formed
 * references, none into another tenant), without storing anything. The answer is an OperationOutcome: its issues
 * when the resource is invalid, one informational issue when it is fine.
 */
@ApplicationScoped
public class ValidateService {

    private final ResourceService resources;

    public ValidateService(ResourceService resources) {
        this.resources = resources;
    }

    /** The outcome, and whether the resource passed. */
    public record Result(String outcome, boolean valid) {
    }

    public Result validate(String tenant, String type, byte[] body) {
        try {
            Resource resource = resources.parseAs(type, body);
            resources.checkReferences(tenant, resource);
            return new Result(OperationOutcomes.issue("information", "informational", null,
                    "No issues: the " + type + " is valid R4 and would be accepted", List.of()).toString(), true);
        } catch (OperationOutcomeException e) {
            if (e.status() == 413) {
                throw e;
            }
            return new Result(OperationOutcomes.of(e).toString(), false);
        }
    }
}
