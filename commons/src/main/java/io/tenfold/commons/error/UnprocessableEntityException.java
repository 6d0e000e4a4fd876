package io.tenfold.commons.error;

import java.util.List;

/** 422: well-formed, but not a valid resource. */
public class UnprocessableEntityException extends OperationOutcomeException {

    public UnprocessableEntityException(String code, String diagnostics, String... expression) {
        super(422, "invalid", code, diagnostics, List.of(expression));
    }
}
