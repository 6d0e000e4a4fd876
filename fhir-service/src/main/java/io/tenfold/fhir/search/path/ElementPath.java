package io.tenfold.fhir.search.path;

import java.util.List;

import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Resource;

/**
 * A search parameter's FHIRPath expression, compiled once by {@link ElementPathCompiler}.
 * Immutable and thread-safe; {@link #evaluate} allocates only the result lists.
 */
public final class ElementPath {

    private final String expression;
    private final PathStep root;

    ElementPath(String expression, PathStep root) {
        this.expression = expression;
        this.root = root;
    }

    /** The elements the expression selects from {@code resource}, in document order per branch. */
    public List<Base> evaluate(Resource resource) {
        return root.apply(List.of(resource), resource);
    }

    /** The elements the expression selects from {@code focus}, an element inside {@code resource}. */
    public List<Base> evaluate(Base focus, Resource resource) {
        return root.apply(List.of(focus), resource);
    }

    public String expression() {
        return expression;
    }

    @Override
    public String toString() {
        return expression;
    }
}
