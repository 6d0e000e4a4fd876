package io.tenfold.fhir.search.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.jboss.logging.Logger;

import io.tenfold.fhir.search.CompositeParam;
import io.tenfold.fhir.search.SearchParamDef;
import io.tenfold.fhir.search.SearchParamRegistry;
import io.tenfold.fhir.search.SearchParamType;

/**
 * Extracts a resource's search index rows at write time: for every search parameter of its type
 * (from {@link SearchParamRegistry}), the compiled expression is evaluated and each value turned
 * into rows by the parameter's type. A composite's components are indexed per element its expression
 * selects, under {@link SearchParamDef#componentName} and with one group number per element, when every
 * component has a value there. {@code near} (the one special parameter indexed) gives a position's latitude and
 * longitude as one group; {@code _id} (a column of its own) gives no rows. The Patient compartment is the
 * resource's own id for a Patient, plus the
 * local Patient targets of the type's {@link SearchParamRegistry#patientCompartmentParams
 * compartment parameters}.
 *
 * <p>Thread-safe and never throws for a valid resource: a parameter whose evaluation fails is
 * skipped and logged at debug level.
 */
public final class SearchIndexer {

    /**
     * The version of the indexing rules, stored with each resource. Raise it with every change to the rows a
     * resource gets (a parameter, a modifier's rows, a row kind): resources indexed with an older version are then
     * indexed again in the background ({@link Reindexer}). 1: composites, {@code :of-type}, {@code :identifier},
     * {@code near}; 2: no rows of their own for unions of other parameters ({@code combo-*}). Raising it needs a
     * migration that replaces the partial index of the stale resources ({@code resources_stale_index}, V6).
     */
    public static final int VERSION = 2;

    private static final Logger LOG = Logger.getLogger(SearchIndexer.class);

    private final Map<String, List<IndexedParam>> plans = new HashMap<>();
    private final SearchParamRegistry registry;

    public SearchIndexer(SearchParamRegistry registry) {
        this.registry = registry;
        for (String type : registry.resourceTypes()) {
            List<IndexedParam> params = new ArrayList<>();
            for (SearchParamDef def : registry.of(type)) {
                if (def.hasRows() && !"_id".equals(def.name())) {
                    boolean compartment = registry.patientCompartmentParams(type).contains(def.name());
                    params.add(new IndexedParam(def, compartment));
                }
            }
            plans.put(type, List.copyOf(params));
        }
    }

    /** The parameters whose rows hold the values of {@code param} of {@code type}: a union's members, or itself. */
    public List<String> rowsOf(String type, String param) {
        return registry.find(type, param).map(def -> def.unionOf().isEmpty() ? List.of(param) : def.unionOf())
                .orElse(List.of(param));
    }

    public IndexRows index(Resource resource, LocalReferences local) {
        IndexRowsBuilder out = new IndexRowsBuilder();
        if (resource instanceof Patient) {
            out.patient(resource.getIdElement().getIdPart());
        }
        for (IndexedParam param : plans.getOrDefault(resource.fhirType(), List.of())) {
            try {
                if (param.def().composite() != null) {
                    addComposite(param.def(), resource, local, out);
                    continue;
                }
                for (Base value : param.def().path().evaluate(resource)) {
                    add(param.def().name(), param.def().type(), param.patientCompartment(), value, local, out);
                }
            } catch (RuntimeException e) {
                LOG.debugf(e, "%s:%s not indexed for %s/%s", param.def().resourceType(), param.def().name(),
                        resource.fhirType(), resource.getIdElement().getIdPart());
            }
        }
        return out.build();
    }

    private static void addComposite(SearchParamDef def, Resource resource, LocalReferences local,
            IndexRowsBuilder out) {
        List<SearchParamDef> components = def.composite().components();
        for (CompositeParam.Branch branch : def.composite().branches()) {
            for (Base element : branch.elements().evaluate(resource)) {
                List<List<Base>> values = new ArrayList<>(components.size());
                for (CompositeParam.ComponentPath path : branch.components()) {
                    List<Base> found = path.fromResource() ? path.path().evaluate(resource)
                            : path.path().evaluate(element, resource);
                    if (found.isEmpty()) {
                        break;
                    }
                    values.add(found);
                }
                if (values.size() < components.size()) {
                    continue; // an element without every component cannot match
                }
                out.group();
                for (int i = 0; i < components.size(); i++) {
                    for (Base value : values.get(i)) {
                        add(def.componentName(i), components.get(i).type(), false, value, local, out);
                    }
                }
                out.endGroup();
            }
        }
    }

    private static void add(String name, SearchParamType type, boolean patientCompartment, Base value,
            LocalReferences local, IndexRowsBuilder out) {
        switch (type) {
            case TOKEN -> TokenValues.add(name, value, out);
            case STRING -> StringValues.add(name, value, out);
            case REFERENCE -> {
                ReferenceRow row = ReferenceValues.add(name, value, local, out);
                if (patientCompartment && row != null && "Patient".equals(row.targetType())) {
                    out.patient(row.targetId());
                }
            }
            case DATE -> DateValues.add(name, value, out);
            case NUMBER -> NumericValues.addNumber(name, value, out);
            case QUANTITY -> NumericValues.addQuantity(name, value, out);
            case URI -> {
                if (value instanceof IPrimitiveType<?> uri) {
                    out.uri(name, uri.getValueAsString());
                }
            }
            case SPECIAL -> NumericValues.addPosition(name, value, out);
            default -> {
                // composites are indexed by their components
            }
        }
    }

    private record IndexedParam(SearchParamDef def, boolean patientCompartment) {
    }
}
