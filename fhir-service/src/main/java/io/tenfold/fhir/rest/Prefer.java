package io.tenfold.fhir.rest;

import java.util.Locale;

/** The {@code Prefer} header of a FHIR request: what a write returns, and how strictly a search is read. */
public record Prefer(Return returns, boolean lenient) {

    /** {@code return=minimal|representation|OperationOutcome}. */
    public enum Return {
        MINIMAL, REPRESENTATION, OPERATION_OUTCOME
    }

    public static Prefer of(String header) {
        Return returns = Return.REPRESENTATION;
        boolean lenient = true;
        if (header != null) {
            for (String part : header.split("[,;]")) {
                String token = part.trim().toLowerCase(Locale.ROOT).replace("\"", "");
                switch (token) {
                    case "return=minimal" -> returns = Return.MINIMAL;
                    case "return=representation" -> returns = Return.REPRESENTATION;
                    case "return=operationoutcome" -> returns = Return.OPERATION_OUTCOME;
                    case "handling=strict" -> lenient = false;
                    case "handling=lenient" -> lenient = true;
                    default -> {
                    }
                }
            }
        }
        return new Prefer(returns, lenient);
    }
}
