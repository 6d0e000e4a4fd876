package io.tenfold.fhir.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
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
            Map<String, SearchParamDef> byUri = new HashMap<>();
            List<RuntimeSearchParam> composites = new ArrayList<>();
            for (RuntimeSearchParam param : fhir.getResourceDefinition(type).getSearchParams()) {
                SearchParamDef def = define(type, param, compiler);
                params.put(def.name(), def);
                if (param.getUri() != null) {
                    byUri.put(param.getUri(), def);
                }
                if (def.type() == SearchParamType.COMPOSITE) {
                    composites.add(param);
                }
                if (def.inPatientCompartment()) {
                    compartmentParams.add(def.name());
                }
            }
            for (RuntimeSearchParam param : composites) {
                SearchParamDef plain = params.get(param.getName());
                params.put(plain.name(), new SearchParamDef(type, plain.name(), plain.type(), plain.expression(),
                        plain.targets(), plain.compartments(), null, composite(type, param, byUri, compiler)));
            }
            params.computeIfAbsent(SOURCE, name -> sourceParam(type, compiler));
            unions(params);
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
                compile(type, param.getName(), paramType, expression, compiler), null);
    }

    /**
     * A composite's components (the parameters its definition names) and, per branch of its expression, each
     * component's path from the branch's elements: the component's own expression with the branch's path taken
     * off the front ({@code Observation.component.code} from {@code Observation.component} is {@code code}). A
     * component branch under no branch of the composite is read from the resource. Null (not indexed) when a
     * component is unknown, composite or special, or a path does not compile.
     */
    private static CompositeParam composite(String type, RuntimeSearchParam param, Map<String, SearchParamDef> byUri,
            ElementPathCompiler compiler) {
        List<SearchParamDef> components = new ArrayList<>();
        for (RuntimeSearchParam.Component component : param.getComponents()) {
            SearchParamDef def = byUri.get(component.getReference());
            if (def == null || def.path() == null) {
                LOG.debugf("%s:%s is not indexed: component %s", type, param.getName(), component.getReference());
                return null;
            }
            components.add(def);
        }
        List<String> bases = FhirPathBranches.of(param.getPath());
        try {
            List<CompositeParam.Branch> branches = new ArrayList<>();
            for (String base : bases) {
                List<CompositeParam.ComponentPath> paths = new ArrayList<>();
                for (SearchParamDef component : components) {
                    List<String> relative = new ArrayList<>();
                    List<String> absolute = new ArrayList<>();
                    for (String branch : FhirPathBranches.of(component.expression())) {
                        String under = FhirPathBranches.longestPrefix(branch, bases);
                        if (under == null) {
                            absolute.add(branch);
                        } else if (under.equals(base)) {
                            relative.add(FhirPathBranches.relativeTo(branch, base));
                        }
                    }
                    if (relative.isEmpty() && absolute.isEmpty()) {
                        throw new UnsupportedExpressionException(param.getPath(), "no " + component.name()
                                + " under " + base);
                    }
                    paths.add(relative.isEmpty()
                            ? new CompositeParam.ComponentPath(compiler.compile(String.join(" | ", absolute)), true)
                            : new CompositeParam.ComponentPath(compiler.compile(String.join(" | ", relative)), false));
                }
                branches.add(new CompositeParam.Branch(compiler.compile(base), paths));
            }
            return new CompositeParam(components, branches);
        } catch (UnsupportedExpressionException e) {
            LOG.debugf("%s:%s is not indexed: %s", type, param.getName(), e.getMessage());
            return null;
        }
    }

    /**
     * Marks each parameter whose expression's branches are exactly those of two or more other parameters of the
     * same type (and, for composites, with components of the same types) as their union.
     */
    private static void unions(Map<String, SearchParamDef> params) {
        for (SearchParamDef def : List.copyOf(params.values())) {
            List<String> branches = FhirPathBranches.of(def.expression());
            if (!def.hasRows() || branches.size() < 2) {
                continue;
            }
            List<String> members = new ArrayList<>();
            Set<String> covered = new HashSet<>();
            for (SearchParamDef other : params.values()) {
                List<String> theirs = FhirPathBranches.of(other.expression());
                if (other != def && other.type() == def.type() && other.hasRows() && !theirs.isEmpty()
                        && theirs.size() < branches.size() && branches.containsAll(theirs)
                        && sameComponents(def, other)) {
                    members.add(other.name());
                    covered.addAll(theirs);
                }
            }
            if (members.size() >= 2 && covered.equals(Set.copyOf(branches))) {
                params.put(def.name(), def.asUnionOf(members.stream().sorted().toList()));
            }
        }
    }

    private static boolean sameComponents(SearchParamDef a, SearchParamDef b) {
        if (a.composite() == null || b.composite() == null) {
            return a.composite() == b.composite();
        }
        return a.composite().components().stream().map(SearchParamDef::type).toList()
                .equals(b.composite().components().stream().map(SearchParamDef::type).toList());
    }

    /** {@code _source} is an R4 Resource parameter that HAPI's structures leave to its JPA server. */
    private static SearchParamDef sourceParam(String type, ElementPathCompiler compiler) {
        return new SearchParamDef(type, SOURCE, SearchParamType.URI, SOURCE_EXPRESSION, Set.of(), Set.of(),
                compile(type, SOURCE, SearchParamType.URI, SOURCE_EXPRESSION, compiler), null);
    }

    private static ElementPath compile(String type, String name, SearchParamType paramType, String expression,
            ElementPathCompiler compiler) {
        boolean position = paramType == SearchParamType.SPECIAL && NearSearch.NAME.equals(name);
        if (paramType == SearchParamType.COMPOSITE || paramType == SearchParamType.SPECIAL && !position
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
