package io.tenfold.fhir.transaction;

import java.util.ArrayList;
import java.util.List;

import io.tenfold.commons.error.OperationOutcomeException;

/** The failure of one entry of a batch or transaction: the entry's own error, its diagnostics naming the entry. */
final class EntryFailure extends OperationOutcomeException {

    private final int index;
    private final OperationOutcomeException cause;

    private EntryFailure(int index, OperationOutcomeException cause) {
        super(cause.status(), cause.issueType(), cause.code(),
                "Bundle.entry[" + index + "]: " + cause.diagnostics(), expression(index, cause));
        this.index = index;
        this.cause = cause;
        cause.headers().forEach(this::withHeader);
    }

    /** {@code failure} as the failure of entry {@code index}; other throwables pass unchanged. */
    static Throwable at(int index, Throwable failure) {
        if (failure instanceof EntryFailure || !(failure instanceof OperationOutcomeException outcome)) {
            return failure;
        }
        return new EntryFailure(index, outcome);
    }

    static EntryFailure of(int index, OperationOutcomeException failure) {
        return failure instanceof EntryFailure entry ? entry : new EntryFailure(index, failure);
    }

    int index() {
        return index;
    }

    /** The entry's own error, without the entry named: what a batch puts in the entry's {@code response.outcome}. */
    OperationOutcomeException entryError() {
        return cause;
    }

    private static List<String> expression(int index, OperationOutcomeException cause) {
        List<String> expression = new ArrayList<>();
        expression.add("Bundle.entry[" + index + "]");
        expression.addAll(cause.expression());
        return expression;
    }
}
