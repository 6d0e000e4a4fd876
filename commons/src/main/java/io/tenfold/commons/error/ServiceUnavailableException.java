package io.tenfold.commons.error;

import java.util.List;

/** 503: a dependency is down; try again later. */
public class ServiceUnavailableException extends OperationOutcomeException {

    public ServiceUnavailableException(String code, String diagnostics, String... expression) {
        super(503, "transient", code, diagnostics, List.of(expression));
    }
}
