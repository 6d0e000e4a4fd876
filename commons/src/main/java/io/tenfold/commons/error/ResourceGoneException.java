package io.tenfold.commons.error;

import java.util.List;

/** 410: the resource existed and was deleted (FHIR answers a read of it with Gone, not Not Found). */
public class ResourceGoneException extends OperationOutcomeException {

    public ResourceGoneException(String code, String diagnostics, String... expression) {
        super(410, "deleted", code, diagnostics, List.of(expression));
    }
}
