package io.tenfold.commons.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The root of Tenfold's error family, after HAPI's {@code BaseServerResponseException}: one subclass per HTTP
 * status, each carrying a FHIR issue type, a stable Tenfold error code (for clients and docs) and a human
 * diagnostic. The single {@link ErrorMapper} turns it into an {@code OperationOutcome}.
 */
public abstract class OperationOutcomeException extends RuntimeException {

    private final int status;
    private final String issueType;
    private final String code;
    private final List<String> expression;
    private final Map<String, String> headers = new LinkedHashMap<>();

    protected OperationOutcomeException(int status, String issueType, String code, String diagnostics,
            List<String> expression) {
        super(diagnostics, null, false, false);
        this.status = status;
        this.issueType = issueType;
        this.code = code;
        this.expression = expression == null ? List.of() : List.copyOf(expression);
    }

    public int status() {
        return status;
    }

    /** The FHIR {@code IssueType} code, e.g. {@code not-found}. */
    public String issueType() {
        return issueType;
    }

    /** The stable Tenfold error code, e.g. {@code tenant-unknown}. */
    public String code() {
        return code;
    }

    public String diagnostics() {
        return getMessage();
    }

    /** The elements the problem is about, as FHIRPath-like expressions, e.g. {@code Tenant.id}. */
    public List<String> expression() {
        return expression;
    }

    /** Extra response headers, e.g. {@code WWW-Authenticate}. */
    public Map<String, String> headers() {
        return headers;
    }

    public OperationOutcomeException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
