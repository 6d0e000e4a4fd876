package io.tenfold.commons.error;

import java.util.List;

/** 401: no or bad credentials. */
public class AuthenticationException extends OperationOutcomeException {

    public AuthenticationException(String code, String diagnostics, String... expression) {
        super(401, "login", code, diagnostics, List.of(expression));
    }
}
