package io.tenfold.commons.error;

import java.util.List;

/** 400: the request is malformed (syntax, parameters, encoding). */
public class InvalidRequestException extends OperationOutcomeException {

    public InvalidRequestException(String code, String diagnostics, String... expression) {
        super(400, "invalid", code, diagnostics, List.of(expression));
    }
}
