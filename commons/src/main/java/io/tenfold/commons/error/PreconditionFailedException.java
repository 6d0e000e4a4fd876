package io.tenfold.commons.error;

import java.util.List;

/** 412: a precondition such as If-Match does not hold. */
public class PreconditionFailedException extends OperationOutcomeException {

    public PreconditionFailedException(String code, String diagnostics, String... expression) {
        super(412, "conflict", code, diagnostics, List.of(expression));
    }
}
