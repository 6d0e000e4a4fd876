package io.tenfold.fhir.access;

import java.util.List;

/**
 * What a request may do on one resource type: everything of the tenant ({@code patient} null), or only the
 * compartment of {@code patient}; and, when the only scopes that allow it carry SMART v2 restrictions (e.g.
 * {@code category=laboratory}), only resources matching one of {@code restrictions} (search parameters).
 */
public record Grant(String resourceType, String patient, List<String> restrictions) {

    public Grant {
        restrictions = List.copyOf(restrictions);
    }

    public boolean confined() {
        return patient != null;
    }

    public boolean restricted() {
        return !restrictions.isEmpty();
    }
}
