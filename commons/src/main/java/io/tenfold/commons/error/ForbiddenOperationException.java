package io.tenfold.commons.error;

import java.util.List;

/** 403: authenticated, but not allowed. */
public class ForbiddenOperationException extends OperationOutcomeException {

    public ForbiddenOperationException(String code, String diagnostics, String... expression) {
        super(403, "forbidden", code, diagnostics, List.of(expression));
    }
}
