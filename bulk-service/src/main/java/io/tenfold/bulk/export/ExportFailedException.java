package io.tenfold.bulk.export;

import java.util.List;

import io.tenfold.commons.error.OperationOutcomeException;

/** 500 at the status endpoint: the export itself failed (the Bulk Data spec's error status); start it again. */
public class ExportFailedException extends OperationOutcomeException {

    public ExportFailedException(String diagnostics) {
        super(500, "exception", "export-failed", diagnostics, List.of());
    }
}
