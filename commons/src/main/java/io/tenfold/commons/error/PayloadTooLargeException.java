package io.tenfold.commons.error;

import java.util.List;

/** 413: the request body is over the limit. */
public class PayloadTooLargeException extends OperationOutcomeException {

    public PayloadTooLargeException(String code, String diagnostics, String... expression) {
        super(413, "too-long", code, diagnostics, List.of(expression));
    }
}
