package io.tenfold.commons.error;

import java.util.List;

/** 409: the change conflicts with the current state (duplicate id, version). */
public class ResourceVersionConflictException extends OperationOutcomeException {

    public ResourceVersionConflictException(String code, String diagnostics, String... expression) {
        super(409, "conflict", code, diagnostics, List.of(expression));
    }
}
