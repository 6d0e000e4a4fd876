package io.tenfold.fhir.search;

import java.util.List;
import java.util.Set;

import io.tenfold.fhir.search.path.ElementPath;

/**
 * One search parameter of one resource type, as the R4 specification (through HAPI) defines it.
 *
 * @param resourceType the resource type it searches, e.g. {@code Observation} (parameters of
 *        {@code Resource} such as {@code _id} appear under every type)
 * @param name         the parameter name, e.g. {@code code}, {@code _lastUpdated}
 * @param type         its search type
 * @param expression   the FHIRPath expression from the SearchParameter resource ({@code ""} if none)
 * @param targets      for reference parameters, the resource types it may point at (empty: any)
 * @param compartments the compartments it puts a resource in, e.g. {@code Patient}
 * @param path         the expression compiled for the indexer; {@code null} for composite and
 *                     special parameters (but {@code near}, see {@link NearSearch}) and for expressions that could
 *                     not be compiled
 * @param composite    for composite parameters, their components and how to index them; otherwise {@code null}
 * @param unionOf      when the expression is exactly the union of other parameters' of the same type (Observation's
 *                     {@code combo-code} is {@code code | component-code}): their names. It is searched as the OR
 *                     of them and has no rows of its own, which would repeat theirs. Otherwise empty.
 */
public record SearchParamDef(String resourceType, String name, SearchParamType type, String expression,
        Set<String> targets, Set<String> compartments, ElementPath path, CompositeParam composite,
        List<String> unionOf) {

    public SearchParamDef {
        targets = Set.copyOf(targets);
        compartments = Set.copyOf(compartments);
        expression = expression == null ? "" : expression;
        unionOf = List.copyOf(unionOf);
    }

    public SearchParamDef(String resourceType, String name, SearchParamType type, String expression,
            Set<String> targets, Set<String> compartments, ElementPath path, CompositeParam composite) {
        this(resourceType, name, type, expression, targets, compartments, path, composite, List.of());
    }

    /** This parameter, searched as the union of {@code members}. */
    SearchParamDef asUnionOf(List<String> members) {
        return new SearchParamDef(resourceType, name, type, expression, targets, compartments, path, composite,
                members);
    }

    /** Whether the parameter can be searched: its rows are indexed, or it is a union of parameters that are. */
    public boolean indexed() {
        return path != null || composite != null || !unionOf.isEmpty();
    }

    /** Whether the write-time indexer extracts rows of its own for this parameter. */
    public boolean hasRows() {
        return unionOf.isEmpty() && (path != null || composite != null);
    }

    /** The parameter name under which the rows of a composite's component {@code index} are stored. */
    public String componentName(int index) {
        return name + "$" + index;
    }

    public boolean inPatientCompartment() {
        return compartments.contains("Patient");
    }
}
