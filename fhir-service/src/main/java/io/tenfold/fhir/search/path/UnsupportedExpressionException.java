package io.tenfold.fhir.search.path;

/** The expression uses FHIRPath that {@link ElementPathCompiler} does not compile. */
public class UnsupportedExpressionException extends RuntimeException {

    public UnsupportedExpressionException(String expression, String reason) {
        super("cannot compile '" + expression + "': " + reason);
    }
}
