package io.tenfold.commons.error;

import java.util.List;

/** 429: slow down. */
public class TooManyRequestsException extends OperationOutcomeException {

    public TooManyRequestsException(String code, String diagnostics, String... expression) {
        super(429, "throttled", code, diagnostics, List.of(expression));
    }
}
