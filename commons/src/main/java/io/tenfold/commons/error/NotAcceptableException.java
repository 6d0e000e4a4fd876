package io.tenfold.commons.error;

import java.util.List;

/** 406: no representation in a format the client accepts. */
public class NotAcceptableException extends OperationOutcomeException {

    public NotAcceptableException(String code, String diagnostics, String... expression) {
        super(406, "not-supported", code, diagnostics, List.of(expression));
    }
}
