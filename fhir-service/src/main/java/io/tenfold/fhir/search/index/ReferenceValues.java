package io.tenfold.fhir.search.index;

import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * Reference rows from {@code Reference.reference} and from canonical or uri values of reference
 * parameters, classified by {@link LocalReferences}. A contained reference ({@code #id}) and an inline
 * resource give no row. {@code Reference.identifier} gives a token row under {@link #byIdentifier}, for
 * {@code subject:identifier=system|value}.
 */
public final class ReferenceValues {

    private ReferenceValues() {
    }

    /** Adds the row, returning it (null if none) so that the compartment can be read from it. */
    static ReferenceRow add(String param, Base value, LocalReferences local, IndexRowsBuilder out) {
        if (value instanceof Reference reference) {
            if (reference.hasIdentifier()) {
                Identifier identifier = reference.getIdentifier();
                out.token(byIdentifier(param), identifier.getSystem(), identifier.getValue(), null);
            }
            return out.reference(local.toRow(param, reference.getReference()));
        }
        if (value instanceof IPrimitiveType<?> uri) {
            return out.reference(local.toRow(param, uri.getValueAsString()));
        }
        return null;
    }

    /** The parameter name of the token rows that {@code param:identifier} searches. */
    public static String byIdentifier(String param) {
        return param + ":identifier";
    }
}
