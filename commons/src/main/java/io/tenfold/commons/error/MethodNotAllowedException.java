package io.tenfold.commons.error;

import java.util.List;

/** 405: the resource exists, the method does not. */
public class MethodNotAllowedException extends OperationOutcomeException {

    public MethodNotAllowedException(String code, String diagnostics, String... expression) {
        super(405, "not-supported", code, diagnostics, List.of(expression));
    }
}
