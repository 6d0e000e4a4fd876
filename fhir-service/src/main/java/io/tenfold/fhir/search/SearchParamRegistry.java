package io.tenfold.fhir.search;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jboss.logging.Logger;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import io.tenfold.fhir.search.path.ElementPath;
import io.tenfold.fhir.search.path.ElementPathCompiler;
import io.tenfold.fhir.search.path.UnsupportedExpressionException;

/**
 * Every R4 search parameter of every resource type, read once from HAPI's model (the
 * SearchParameter definitions compiled into {@code hapi-fhir-structures-r4}, plus {@code _source})
 * with each expression compiled for the indexer, and the Patient compartment definition (R4's
 * CompartmentDefinition/patient, e.g. Observation via subject and performer, Group via member).
 * Immutable after construction.
 */
public final class SearchParamRegistry {

    private static final Logger LOG = Logger.getLogger(SearchParamRegistry.class);
    private static final String PATIENT = "Patient";
    private static final String SOURCE = "_source";
    private static final String SOURCE_EXPRESSION = "Resource.meta.source";

    private final Map<String, Map<String, SearchParamDef>> byType;
    private final Map<String, Set<String>> patientCompartment;

    public SearchParamRegistry(FhirContext fhir) {
        ElementPathCompiler compiler = new ElementPathCompiler(fhir);
        Map<String, Map<String, SearchParamDef>> types = new LinkedHashMap<>();
        Map<String, Set<String>> compartment = new LinkedHashMap<>();
        for (String type : new TreeSet<>(fhir.getResourceTypes())) {
            Map<String, SearchParamDef> params = new LinkedHashMap<>();
            Set<String> compartmentParams = new HashSet<>();
            for (RuntimeSearchParam param : fhir.getResourceDefinition(type).getSearchParams()) {
                SearchParamDef def = define(type, param, compiler);
                params.put(def.name(), def);
                if (def.inPatientCompartment()) {
                    compartmentParams.add(def.name());
                }
            }
            params.computeIfAbsent(SOURCE, name -> sourceParam(type, compiler));
            types.put(type, Collections.unmodifiableMap(params));
            compartment.put(type, Set.copyOf(compartmentParams));
        }
        this.byType = Collections.unmodifiableMap(types);
        this.patientCompartment = Collections.unmodifiableMap(compartment);
    }

    public Optional<SearchParamDef> find(String resourceType, String name) {
        Map<String, SearchParamDef> params = byType.get(resourceType);
        return params == null ? Optional.empty() : Optional.ofNullable(params.get(name));
    }

    /** The parameters of a type (empty for an unknown type), in a stable order. */
    public Collection<SearchParamDef> of(String resourceType) {
        Map<String, SearchParamDef> params = byType.get(resourceType);
        return params == null ? List.of() : params.values();
    }

    public Set<String> resourceTypes() {
        return byType.keySet();
    }

    /**
     * The reference parameters whose targets put a resource of this type in a Patient's
     * compartment (e.g. {@code subject}, {@code performer} for Observation); empty when the type is
     * not in the compartment. A Patient is in its own compartment by id, not through a parameter.
     */
    public Set<String> patientCompartmentParams(String resourceType) {
        return patientCompartment.getOrDefault(resourceType, Set.of());
    }

    private static SearchParamDef define(String type, RuntimeSearchParam param, ElementPathCompiler compiler) {
        SearchParamType paramType = SearchParamType.of(param.getParamType());
        String expression = param.getPath();
        Set<String> compartments = param.getProvidesMembershipInCompartments() == null
                ? Set.of() : param.getProvidesMembershipInCompartments();
        Set<String> targets = param.getTargets() == null ? Set.of() : param.getTargets();
        return new SearchParamDef(type, param.getName(), paramType, expression, targets, compartments,
                compile(type, param.getName(), paramType, expression, compiler));
    }

    /** {@code _source} is an R4 Resource parameter that HAPI's structures leave to its JPA server. */
    private static SearchParamDef sourceParam(String type, ElementPathCompiler compiler) {
        return new SearchParamDef(type, SOURCE, SearchParamType.URI, SOURCE_EXPRESSION, Set.of(), Set.of(),
                compile(type, SOURCE, SearchParamType.URI, SOURCE_EXPRESSION, compiler));
    }

    private static ElementPath compile(String type, String name, SearchParamType paramType, String expression,
            ElementPathCompiler compiler) {
        if (paramType == SearchParamType.COMPOSITE || paramType == SearchParamType.SPECIAL
                || expression == null || expression.isBlank()) {
            return null;
        }
        try {
            return compiler.compile(expression);
        } catch (UnsupportedExpressionException e) {
            LOG.debugf("%s:%s is not indexed: %s", type, name, e.getMessage());
            return null;
        }
    }

    /** For the compartment checks: whether a type belongs to the Patient compartment at all. */
    public boolean inPatientCompartment(String resourceType) {
        return PATIENT.equals(resourceType) || !patientCompartmentParams(resourceType).isEmpty();
    }
}
