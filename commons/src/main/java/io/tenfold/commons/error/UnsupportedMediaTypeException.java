package io.tenfold.commons.error;

import java.util.List;

/** 415: the body's media type is not understood. */
public class UnsupportedMediaTypeException extends OperationOutcomeException {

    public UnsupportedMediaTypeException(String code, String diagnostics, String... expression) {
        super(415, "not-supported", code, diagnostics, List.of(expression));
    }
}
