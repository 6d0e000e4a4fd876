package io.tenfold.fhir.search.path;

import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * One node of a compiled search parameter expression: maps a focus collection to a result
 * collection. Navigation uses the model's generated {@link Base#getProperty(int, String, boolean)}
 * (a switch on the name's hash, no reflection), so it runs unchanged in a native image.
 */
sealed interface PathStep {

    List<Base> apply(List<Base> focus, Resource root);

    /** Whether the step can give a result on an empty focus ({@code exists()} gives false). */
    default boolean yieldsOnEmpty() {
        return false;
    }

    /** {@code a.b.c}: each step applied to the previous result. */
    record Chain(List<PathStep> steps) implements PathStep {
        @Override
        public List<Base> apply(List<Base> focus, Resource root) {
            List<Base> current = focus;
            for (PathStep step : steps) {
                if (!current.isEmpty() || step.yieldsOnEmpty()) {
                    current = step.apply(current, root);
                }
            }
            return current;
        }
    }

    /** {@code a | b}: both branches on the same focus, concatenated (rows are de-duplicated later). */
    record Union(List<PathStep> branches) implements PathStep {
        @Override
        public List<Base> apply(List<Base> focus, Resource root) {
            List<Base> out = new ArrayList<>();
            for (PathStep branch : branches) {
                out.addAll(branch.apply(focus, root));
            }
            return out;
        }
    }

    /** A child element by name ({@code value} finds {@code value[x]} whatever its type). */
    record Child(String name, int hash) implements PathStep {
        Child(String name) {
            this(name, name.hashCode());
        }

        @Override
        public List<Base> apply(List<Base> focus, Resource root) {
            List<Base> out = new ArrayList<>();
            for (Base item : focus) {
                Base[] values = item.getProperty(hash, name, false);
                if (values != null) {
                    for (Base value : values) {
                        if (value != null && !value.isEmpty()) {
                            out.add(value);
                        }
                    }
                }
            }
            return out;
        }
    }

    /** A leading type name such as {@code Observation} in {@code Observation.code}: keeps matching resources. */
    record ResourceType(String type) implements PathStep {
        @Override
        public List<Base> apply(List<Base> focus, Resource root) {
            List<Base> out = new ArrayList<>(focus.size());
            for (Base item : focus) {
                if (matches(item)) {
                    out.add(item);
                }
            }
            return out;
        }

        private boolean matches(Base item) {
            return switch (type) {
                case "Resource" -> item instanceof Resource;
                case "DomainResource" -> item instanceof DomainResource;
                default -> type.equals(item.fhirType());
            };
        }
    }

    /** {@code [n]}. */
    record Index(int index) implements PathStep {
        @Override
        public List<Base> apply(List<Base> focus, Resource root) {
            return index < focus.size() ? List.of(focus.get(index)) : List.of();
        }
    }

    /**
     * {@code x as T}, {@code x.as(T)}, {@code x.ofType(T)}: keeps items of type T. Primitive types
     * match their exact class (so {@code as uri} does not also return canonicals), complex types
     * their subtypes too ({@code as Quantity} keeps an Age).
     */
    record OfType(Class<? extends Base> type, boolean exact) implements PathStep {
        @Override
        public List<Base> apply(List<Base> focus, Resource root) {
            List<Base> out = new ArrayList<>(focus.size());
            for (Base item : focus) {
                if (exact ? item.getClass() == type : type.isInstance(item)) {
                    out.add(item);
                }
            }
            return out;
        }
    }

    /** {@code x is T}: one boolean per the whole focus, as FHIRPath does on a singleton. */
    record IsType(PathStep operand, OfType test) implements PathStep {
        @Override
        public List<Base> apply(List<Base> focus, Resource root) {
            List<Base> values = operand.apply(focus, root);
            if (values.size() != 1) {
                return List.of();
            }
            return List.of(new BooleanType(!test.apply(values, root).isEmpty()));
        }
    }

    /**
     * {@code resolve() is T}: true when the reference in focus names a resource of type T, read from
     * the reference itself ({@code Patient/1}, {@code http://…/Patient/1}) or, for {@code #id}, from
     * the contained resource. Nothing is fetched.
     */
    record ResolvesTo(String type) implements PathStep {
        @Override
        public List<Base> apply(List<Base> focus, Resource root) {
            if (focus.size() != 1) {
                return List.of();
            }
            String actual = ReferenceTypes.typeOf(focus.get(0), root);
            return actual == null ? List.of() : List.of(new BooleanType(type.equals(actual)));
        }
    }

    /** {@code where(criteria)}: keeps items for which the criteria give a single true. */
    record Where(PathStep criteria) implements PathStep {
        @Override
        public List<Base> apply(List<Base> focus, Resource root) {
            List<Base> out = new ArrayList<>(focus.size());
            for (Base item : focus) {
                if (isTrue(criteria.apply(List.of(item), root))) {
                    out.add(item);
                }
            }
            return out;
        }
    }

    /** {@code exists()}. */
    record Exists() implements PathStep {
        @Override
        public boolean yieldsOnEmpty() {
            return true;
        }

        @Override
        public List<Base> apply(List<Base> focus, Resource root) {
            return List.of(new BooleanType(!focus.isEmpty()));
        }
    }

    /** A literal ({@code 'email'}, {@code false}, {@code 3}), whatever the focus. */
    record Literal(Base value) implements PathStep {
        @Override
        public boolean yieldsOnEmpty() {
            return true;
        }

        @Override
        public List<Base> apply(List<Base> focus, Resource root) {
            return List.of(value);
        }
    }

    /** {@code a = b} or {@code a != b} on singletons, compared by their string form; empty if either is. */
    record Equality(PathStep left, PathStep right, boolean negated) implements PathStep {
        @Override
        public List<Base> apply(List<Base> focus, Resource root) {
            List<Base> l = left.apply(focus, root);
            List<Base> r = right.apply(focus, root);
            if (l.size() != 1 || r.size() != 1) {
                return List.of();
            }
            boolean equal = primitiveEquals(l.get(0), r.get(0));
            return List.of(new BooleanType(equal != negated));
        }

        private static boolean primitiveEquals(Base a, Base b) {
            if (a instanceof IPrimitiveType<?> pa && b instanceof IPrimitiveType<?> pb) {
                String sa = pa.getValueAsString();
                return sa != null && sa.equals(pb.getValueAsString());
            }
            return a.equalsDeep(b);
        }
    }

    /** {@code a and b} with FHIRPath's three-valued logic. */
    record And(PathStep left, PathStep right) implements PathStep {
        @Override
        public List<Base> apply(List<Base> focus, Resource root) {
            Boolean l = asBoolean(left.apply(focus, root));
            if (Boolean.FALSE.equals(l)) {
                return List.of(new BooleanType(false));
            }
            Boolean r = asBoolean(right.apply(focus, root));
            if (Boolean.FALSE.equals(r)) {
                return List.of(new BooleanType(false));
            }
            return l == null || r == null ? List.of() : List.of(new BooleanType(true));
        }
    }

    private static boolean isTrue(List<Base> values) {
        return Boolean.TRUE.equals(asBoolean(values));
    }

    private static Boolean asBoolean(List<Base> values) {
        if (values.size() != 1) {
            return values.isEmpty() ? null : Boolean.TRUE;
        }
        Base v = values.get(0);
        return v instanceof BooleanType b ? b.getValue() : Boolean.TRUE;
    }

    /** Reads the resource type a reference points at, without resolving it. */
    final class ReferenceTypes {
        private ReferenceTypes() {
        }

        static String typeOf(Base item, Resource root) {
            if (!(item instanceof Reference ref)) {
                return null;
            }
            if (ref.getResource() instanceof Resource target) {
                return target.fhirType();
            }
            String value = ref.getReference();
            if (value == null || value.isEmpty()) {
                return null;
            }
            if (value.startsWith("#")) {
                return containedType(value.substring(1), root);
            }
            return ref.getReferenceElement().getResourceType();
        }

        private static String containedType(String id, Resource root) {
            if (root instanceof DomainResource domain) {
                for (Resource contained : domain.getContained()) {
                    String cid = contained.getIdElement().getIdPart();
                    if (id.equals(cid) || ("#" + id).equals(contained.getId())) {
                        return contained.fhirType();
                    }
                }
            }
            return null;
        }
    }
}
