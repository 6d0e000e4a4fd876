package io.tenfold.fhir.search;

import java.util.List;

import io.tenfold.fhir.search.path.ElementPath;

/**
 * How a composite parameter (e.g. Observation {@code component-code-value-quantity}) is indexed and searched: its
 * components in order, and for each branch of its expression the elements it selects (one Observation.component)
 * with the path of each component from such an element. A component outside the element (MolecularSequence's
 * chromosome for a variant) is read from the resource.
 *
 * @param components the component parameters, e.g. {@code component-code} (token) and
 *                   {@code component-value-quantity} (quantity)
 * @param branches   one per {@code |} branch of the composite's expression
 */
public record CompositeParam(List<SearchParamDef> components, List<Branch> branches) {

    public CompositeParam {
        components = List.copyOf(components);
        branches = List.copyOf(branches);
    }

    /** The elements of one branch, and the path of each component (in the order of {@code components}). */
    public record Branch(ElementPath elements, List<ComponentPath> components) {

        public Branch {
            components = List.copyOf(components);
        }
    }

    /** A component's path: from the element, or from the resource when {@code fromResource}. */
    public record ComponentPath(ElementPath path, boolean fromResource) {
    }
}
