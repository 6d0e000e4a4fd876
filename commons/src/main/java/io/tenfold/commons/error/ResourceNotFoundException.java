package io.tenfold.commons.error;

import java.util.List;

/** 404: unknown, deleted or out of reach, all alike so that nothing leaks. */
public class ResourceNotFoundException extends OperationOutcomeException {

    public ResourceNotFoundException(String code, String diagnostics, String... expression) {
        super(404, "not-found", code, diagnostics, List.of(expression));
    }
}
