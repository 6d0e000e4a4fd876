package io.tenfold.fhir.search.index;

import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Reference;

/**
 * Reference rows from {@code Reference.reference} and from canonical or uri values of reference
 * parameters, classified by {@link LocalReferences}. A Reference with only an identifier, a
 * contained reference ({@code #id}) and an inline resource give no row.
 */
final class ReferenceValues {

    private ReferenceValues() {
    }

    /** Adds the row, returning it (null if none) so that the compartment can be read from it. */
    static ReferenceRow add(String param, Base value, LocalReferences local, IndexRowsBuilder out) {
        if (value instanceof Reference reference) {
            return out.reference(local.toRow(param, reference.getReference()));
        }
        if (value instanceof IPrimitiveType<?> uri) {
            return out.reference(local.toRow(param, uri.getValueAsString()));
        }
        return null;
    }
}
