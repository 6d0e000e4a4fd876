package io.tenfold.fhir.search.query;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import io.tenfold.commons.error.InvalidRequestException;
import io.tenfold.fhir.access.Grant;
import io.tenfold.fhir.search.NearSearch;
import io.tenfold.fhir.search.SearchParamDef;
import io.tenfold.fhir.search.SearchParamRegistry;
import io.tenfold.fhir.search.SearchParamType;
import io.tenfold.fhir.search.StringNormalizer;
import io.tenfold.fhir.search.index.DateRanges;
import io.tenfold.fhir.search.index.ReferenceValues;
import io.tenfold.fhir.search.index.TokenValues;
import io.tenfold.fhir.terminology.CodeSet;
import io.tenfold.fhir.terminology.CodeSystems;
import io.vertx.sqlclient.data.Numeric;

/**
 * Translates search criteria into SQL conditions over the typed index tables: each criterion becomes an
 * {@code EXISTS} on its table for the resource at hand, with every value a parameter. Parameter names, types and
 * modifiers are checked against the registry (a whitelist); an unknown one is skipped when the search is lenient
 * and a 400 when it is strict. Chains, reverse chains ({@code _has}) and their targets respect the caller's
 * grants: a type the scopes do not open is a 403, and a patient-confined grant only follows resources in the
 * patient's compartment.
 */
final class Criteria {

    /** The Earth's mean radius (IUGG), for {@code near}. */
    private static final double EARTH_RADIUS_KM = 6371.0088;
    private static final Set<String> PREFIXES = Set.of("eq", "ne", "gt", "lt", "ge", "le", "sa", "eb", "ap");

    private final SearchParamRegistry registry;
    private final SqlParams sql;
    private final String tenantParam;
    private final Function<String, Grant> grants;
    private final boolean lenient;
    private final List<String> localBases;
    /** The code sets of {@code :in}, {@code :not-in}, {@code :below}, {@code :above}, resolved beforehand. */
    private final Map<String, CodeSet> codeSets;
    private final List<String> ignored = new ArrayList<>();
    private boolean patterns;

    Criteria(SearchParamRegistry registry, SqlParams sql, String tenantParam, Function<String, Grant> grants,
            boolean lenient, List<String> localBases, Map<String, CodeSet> codeSets) {
        this.registry = registry;
        this.sql = sql;
        this.tenantParam = tenantParam;
        this.grants = grants;
        this.lenient = lenient;
        this.localBases = localBases;
        this.codeSets = codeSets;
    }

    /** Whether a condition matches a pattern ({@code LIKE}): its plan then depends on the value. */
    boolean usesPatterns() {
        return patterns;
    }

    /** The criteria a lenient search ignored, for the client's information. */
    List<String> ignored() {
        return ignored;
    }

    /** The conditions of all criteria on the resource {@code type}/{@code id}, ANDed; "TRUE" if none. */
    String all(String type, String id, List<SearchQuery.Criterion> criteria) {
        List<String> parts = new ArrayList<>();
        for (SearchQuery.Criterion criterion : criteria) {
            String condition = one(type, id, criterion);
            if (condition != null) {
                parts.add(condition);
            }
        }
        return parts.isEmpty() ? "TRUE" : String.join(" AND ", parts);
    }

    /** A criterion's condition on the resource {@code type}/{@code id} (SQL expressions), or null if ignored. */
    String one(String type, String id, SearchQuery.Criterion criterion) {
        String name = criterion.name();
        if (name.startsWith("_has:")) {
            return has(type, id, criterion);
        }
        int dot = name.indexOf('.');
        if (dot > 0) {
            return chain(type, id, name.substring(0, dot), new SearchQuery.Criterion(name.substring(dot + 1),
                    criterion.modifier(), criterion.values()));
        }
        if (name.equals("_id")) {
            return idCondition(id, criterion);
        }
        SearchParamDef def = registry.find(type, name).orElse(null);
        if (def == null || !def.indexed()) {
            return unknown(criterion, def == null ? "Unknown search parameter '" + name + "' for " + type
                    : "Search parameter '" + name + "' of " + type + " is not supported");
        }
        String modifier = criterion.modifier();
        if (modifier != null && modifier.isEmpty()) {
            return unknown(criterion, "'" + criterion.written() + "' has an empty modifier");
        }
        if (!def.unionOf().isEmpty()) {
            return union(def, type, id, criterion);
        }
        if (def.type() == SearchParamType.COMPOSITE) {
            return composite(def, type, id, criterion);
        }
        if (def.type() == SearchParamType.SPECIAL) {
            return near(def, type, id, criterion);
        }
        String table = table(def.type());
        String param = def.name();
        if ("identifier".equals(modifier) && def.type() == SearchParamType.REFERENCE) {
            table = table(SearchParamType.TOKEN);
            param = ReferenceValues.byIdentifier(def.name());
        } else if ("of-type".equals(modifier) && def.type() == SearchParamType.TOKEN) {
            param = TokenValues.ofType(def.name());
        }
        if ("missing".equals(modifier)) {
            boolean missing = single(criterion).equalsIgnoreCase("true");
            return (missing ? "NOT " : "") + anyRow(table, param, type, id);
        }
        List<String> alternatives = new ArrayList<>();
        boolean negate = "not".equals(modifier) && def.type() == SearchParamType.TOKEN
                || "not-in".equals(modifier);
        for (String written : criterion.values()) {
            String value = CompositeValues.unescape(written);
            String condition = switch (def.type()) {
                case TOKEN -> tokenWithModifier(value, modifier);
                case STRING -> string(value, modifier);
                case REFERENCE -> "identifier".equals(modifier) ? token(value, null) : reference(def, value, modifier);
                case DATE -> date(value, modifier);
                case NUMBER -> number("v.value", value, modifier);
                case QUANTITY -> quantity(value, modifier);
                case URI -> uri(value, modifier);
                default -> null;
            };
            if (condition == null) {
                return unknown(criterion, "Search parameter '" + criterion.written() + "' is not supported");
            }
            alternatives.add(condition);
        }
        String exists = rows(table, param, type, id) + " AND (" + String.join(" OR ", alternatives) + "))";
        return negate ? "NOT " + exists : exists;
    }

    /**
     * {@code combo-code=x}: the same criterion on each parameter of the union, ORed; when it asks for the absence
     * of something ({@code :not}, {@code :not-in}, {@code :missing=true}), each must lack it: ANDed.
     */
    private String union(SearchParamDef def, String type, String id, SearchQuery.Criterion criterion) {
        String modifier = criterion.modifier();
        boolean absence = "not".equals(modifier) || "not-in".equals(modifier)
                || "missing".equals(modifier) && single(criterion).equalsIgnoreCase("true");
        List<String> conditions = new ArrayList<>();
        for (String member : def.unionOf()) {
            String condition = one(type, id, new SearchQuery.Criterion(member, modifier, criterion.values()));
            if (condition == null) {
                return null; // ignored (lenient), as the members say
            }
            conditions.add(condition);
        }
        return "(" + String.join(absence ? " AND " : " OR ", conditions) + ")";
    }

    /** {@code EXISTS (SELECT 1 FROM table v WHERE} the rows of {@code param} of the resource (closing paren open). */
    private String rows(String table, String param, String type, String id) {
        return "EXISTS (SELECT 1 FROM " + table + " v WHERE v.tenant_id = " + tenantParam + " AND v.res_type = "
                + sql.add(type) + " AND v.res_id = " + id + " AND v.param = " + sql.add(param);
    }

    private String tokenWithModifier(String value, String modifier) {
        if (modifier == null || "not".equals(modifier)) {
            return token(value, null);
        }
        return switch (modifier) {
            case "in", "not-in" -> inValueSet(value);
            case "below", "above" -> subsumed(modifier, value);
            case "of-type" -> ofType(value);
            default -> token(value, modifier);
        };
    }

    /**
     * {@code Observation?component-code-value-quantity=http://loinc.org|8480-6$lt60}: the rows of every component
     * match, and come from the same element (the same group): one EXISTS on the first component's rows, the next
     * component's groups nested in it.
     */
    private String composite(SearchParamDef def, String type, String id, SearchQuery.Criterion criterion) {
        List<SearchParamDef> components = def.composite().components();
        if ("missing".equals(criterion.modifier())) {
            boolean missing = single(criterion).equalsIgnoreCase("true");
            return (missing ? "NOT " : "") + anyRow(table(components.get(0).type()), def.componentName(0), type,
                    id);
        }
        if (criterion.modifier() != null) {
            return unknown(criterion, "Composite parameter '" + def.name() + "' takes no modifier");
        }
        List<String> alternatives = new ArrayList<>();
        for (String value : criterion.values()) {
            List<String> parts = CompositeValues.split(value);
            if (parts.size() != components.size()) {
                throw new InvalidRequestException("search-value-invalid", "'" + value + "' must have "
                        + components.size() + " parts joined by $ for " + def.name(), criterion.written());
            }
            StringBuilder condition = new StringBuilder();
            for (int i = parts.size() - 1; i >= 0; i--) {
                SearchParamDef component = components.get(i);
                String own = componentCondition(component, parts.get(i));
                if (own == null) {
                    return unknown(criterion, "Component '" + component.name() + "' of '" + def.name()
                            + "' is not supported");
                }
                String head = i == 0 ? rows(table(component.type()), def.componentName(0), type, id)
                        : "v.grp IN (SELECT v.grp FROM " + table(component.type()) + " v WHERE v.tenant_id = "
                                + tenantParam + " AND v.res_type = " + sql.add(type) + " AND v.res_id = " + id
                                + " AND v.param = " + sql.add(def.componentName(i));
                String inner = condition.isEmpty() ? "" : " AND " + condition;
                condition.setLength(0);
                condition.append(head).append(" AND (").append(own).append(')').append(inner).append(')');
            }
            alternatives.add(condition.toString());
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }

    /**
     * {@code Location?near=52.52|13.40|5|km}: a position within the distance on the great circle (haversine, on a
     * sphere of the Earth's mean radius), narrowed first to a band of latitudes (and, away from the poles and the
     * antimeridian, of longitudes) that the number index finds.
     */
    private String near(SearchParamDef def, String type, String id, SearchQuery.Criterion criterion) {
        String latitudes = NearSearch.latitude(def.name());
        String numbers = table(SearchParamType.NUMBER);
        if ("missing".equals(criterion.modifier())) {
            boolean missing = single(criterion).equalsIgnoreCase("true");
            return (missing ? "NOT " : "") + anyRow(numbers, latitudes, type, id);
        }
        if (criterion.modifier() != null) {
            return unknown(criterion, "'" + def.name() + "' takes no modifier");
        }
        List<String> alternatives = new ArrayList<>();
        for (String written : criterion.values()) {
            NearValue near = NearValue.parse(written);
            String w = sql.alias("w");
            String longitude = "SELECT 1 FROM " + numbers + " " + w + " WHERE " + w + ".tenant_id = " + tenantParam
                    + " AND " + w + ".res_type = v.res_type AND " + w + ".res_id = v.res_id AND " + w + ".param = "
                    + sql.add(NearSearch.longitude(def.name())) + " AND " + w + ".grp = v.grp";
            String within;
            if (near.kilometres() == 0) {
                within = "v.value = " + decimal(near.latitude()) + " AND EXISTS (" + longitude + " AND " + w
                        + ".value = " + decimal(near.longitude()) + ")";
            } else {
                double band = Math.toDegrees(near.kilometres() / EARTH_RADIUS_KM) * 1.001;
                String lat = sql.add(near.latitude()) + "::float8";
                String lon = sql.add(near.longitude()) + "::float8";
                String haversine = "2 * " + EARTH_RADIUS_KM + " * asin(least(1, sqrt("
                        + "power(sin(radians(v.value::float8 - " + lat + ") / 2), 2)"
                        + " + cos(radians(" + lat + ")) * cos(radians(v.value::float8))"
                        + " * power(sin(radians(" + w + ".value::float8 - " + lon + ") / 2), 2))))";
                within = "v.value BETWEEN " + decimal(near.latitude() - band) + " AND "
                        + decimal(near.latitude() + band) + " AND EXISTS (" + longitude
                        + longitudeBand(w, near, band) + " AND " + haversine + " <= " + sql.add(near.kilometres())
                        + "::float8)";
            }
            alternatives.add(rows(numbers, latitudes, type, id) + " AND " + within + ")");
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }

    /** The longitudes a distance can reach from the value's latitude band; none near a pole or the antimeridian. */
    private String longitudeBand(String w, NearValue near, double band) {
        double farthest = Math.abs(near.latitude()) + band;
        if (farthest >= 89) {
            return "";
        }
        double reach = band / Math.cos(Math.toRadians(farthest));
        if (near.longitude() - reach < -180 || near.longitude() + reach > 180) {
            return "";
        }
        return " AND " + w + ".value BETWEEN " + decimal(near.longitude() - reach) + " AND "
                + decimal(near.longitude() + reach);
    }

    private String decimal(double value) {
        return sql.add(Numeric.create(BigDecimal.valueOf(value))) + "::numeric";
    }

    private String componentCondition(SearchParamDef component, String value) {
        return switch (component.type()) {
            case TOKEN -> token(value, null);
            case STRING -> string(value, null);
            case REFERENCE -> reference(component, value, null);
            case DATE -> date(value, null);
            case NUMBER -> number("v.value", value, null);
            case QUANTITY -> quantity(value, null);
            case URI -> uri(value, null);
            default -> null;
        };
    }

    /** {@code identifier:of-type=typeSystem|typeCode|value}, over the rows {@link TokenValues#ofType} names. */
    private String ofType(String value) {
        String[] parts = value.split("\\|", -1);
        if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new InvalidRequestException("search-value-invalid", "'" + value + "' must be "
                    + "[type system]|[type code]|[identifier value] for :of-type");
        }
        return "v.code = " + sql.add(parts[2]) + " AND " + (parts[0].isEmpty() ? "v.system IS NULL"
                : "v.system = " + sql.add(parts[0])) + " AND v.display = " + sql.add(parts[1]);
    }

    /** {@code code:below=system|code}: the code or one under it, resolved beforehand from the tenant's CodeSystems. */
    private String subsumed(String modifier, String value) {
        CodeSet set = codeSets.get(CodeSystems.key(modifier, value));
        if (set == null) {
            throw new InvalidRequestException("search-modifier-unsupported", ":" + modifier + " on a token is "
                    + "supported on the searched type's own parameters, not through chains or _has");
        }
        return pairIn(set.codes());
    }

    /** {@code code:in=url}: a code of the value set, resolved beforehand from the tenant's ValueSets. */
    private String inValueSet(String url) {
        CodeSet set = codeSets.get(url);
        if (set == null) {
            throw new InvalidRequestException("value-set-unknown", "No ValueSet with url '" + url + "' here");
        }
        List<String> any = new ArrayList<>();
        if (!set.codes().isEmpty()) {
            any.add(pairIn(set.codes()));
        }
        if (!set.systems().isEmpty()) {
            any.add("v.system = ANY (" + sql.add(set.systems().toArray(String[]::new)) + ")");
        }
        if (any.isEmpty()) {
            return "FALSE";
        }
        String condition = "(" + String.join(" OR ", any) + ")";
        if (!set.excludedCodes().isEmpty()) {
            condition += " AND NOT " + pairIn(set.excludedCodes());
        }
        if (!set.excludedSystems().isEmpty()) {
            condition += " AND v.system <> ALL (" + sql.add(set.excludedSystems().toArray(String[]::new)) + ")";
        }
        return condition;
    }

    private String pairIn(List<CodeSet.Code> codes) {
        return "(v.system, v.code) IN (SELECT * FROM unnest(" + sql.add(codes.stream().map(CodeSet.Code::system)
                .toArray(String[]::new)) + "::text[], " + sql.add(codes.stream().map(CodeSet.Code::code)
                        .toArray(String[]::new)) + "::text[]))";
    }

    private String anyRow(String table, String param, String type, String id) {
        return rows(table, param, type, id) + ")";
    }

    private String idCondition(String id, SearchQuery.Criterion criterion) {
        if (criterion.modifier() != null && !criterion.modifier().equals("not")) {
            return unknown(criterion, "_id takes no modifier '" + criterion.modifier() + "'");
        }
        String condition = id + " = ANY (" + sql.add(criterion.values().toArray(String[]::new)) + ")";
        return "not".equals(criterion.modifier()) ? "NOT (" + condition + ")" : condition;
    }

    private String token(String value, String modifier) {
        if ("text".equals(modifier)) {
            return "lower(v.display) LIKE " + sql.add(likePrefix(value.toLowerCase(java.util.Locale.ROOT)))
                    + " ESCAPE '\\'";
        }
        if (modifier != null) {
            return null;
        }
        int bar = value.indexOf('|');
        if (bar < 0) {
            return "v.code = " + sql.add(value);
        }
        String system = value.substring(0, bar);
        String code = value.substring(bar + 1);
        if (system.isEmpty()) {
            return "v.system IS NULL AND v.code = " + sql.add(code);
        }
        if (code.isEmpty()) {
            return "v.system = " + sql.add(system);
        }
        return "v.code = " + sql.add(code) + " AND v.system = " + sql.add(system);
    }

    private String string(String value, String modifier) {
        if (modifier == null) {
            return "v.normalized LIKE " + sql.add(likePrefix(StringNormalizer.normalize(value))) + " ESCAPE '\\'";
        }
        return switch (modifier) {
            case "exact" -> "v.exact = " + sql.add(value);
            case "contains" -> "v.normalized LIKE " + sql.add("%" + likePrefix(StringNormalizer.normalize(value)))
                    + " ESCAPE '\\'";
            default -> null;
        };
    }

    private String reference(SearchParamDef def, String value, String modifier) {
        if (modifier != null && !Character.isUpperCase(modifier.charAt(0))) {
            return null; // :above, :below are not supported on references
        }
        String ref = value;
        for (String base : localBases) {
            if (ref.startsWith(base)) {
                ref = ref.substring(base.length());
                break;
            }
        }
        if (ref.contains("://") || ref.startsWith("urn:")) {
            return "v.url = " + sql.add(value);
        }
        int history = ref.indexOf("/_history/");
        if (history > 0) {
            ref = ref.substring(0, history);
        }
        int slash = ref.indexOf('/');
        String type = slash > 0 ? ref.substring(0, slash) : modifier;
        String targetId = slash > 0 ? ref.substring(slash + 1) : ref;
        if (modifier != null && type != null && !type.equals(modifier)) {
            return "FALSE";
        }
        if (type == null && def.targets().size() == 1) {
            type = def.targets().iterator().next();
        }
        return "v.target_id = " + sql.add(targetId) + (type == null ? "" : " AND v.target_type = " + sql.add(type));
    }

    private String date(String value, String modifier) {
        if (modifier != null) {
            return null;
        }
        String prefix = prefix(value);
        String date = prefix == null ? value : value.substring(2);
        Instant[] range = DateRanges.of(date);
        if (range == null) {
            throw new InvalidRequestException("search-value-invalid", "'" + value + "' is not a FHIR date, dateTime "
                    + "or instant (with an optional prefix such as ge)");
        }
        // only the bounds a condition uses become parameters: PostgreSQL cannot type an unused one
        Supplier<String> lo = () -> sql.add(OffsetDateTime.ofInstant(range[0], ZoneOffset.UTC));
        Supplier<String> hi = () -> sql.add(OffsetDateTime.ofInstant(range[1], ZoneOffset.UTC));
        Supplier<String> within = () -> "(v.low >= " + lo.get() + " AND v.high <= " + hi.get() + ")";
        return switch (prefix == null ? "eq" : prefix) {
            case "eq" -> within.get();
            case "ne" -> "NOT " + within.get();
            case "gt" -> "v.high > " + hi.get();
            case "lt" -> "v.low < " + lo.get();
            case "ge" -> "(v.high > " + hi.get() + " OR " + within.get() + ")";
            case "le" -> "(v.low < " + lo.get() + " OR " + within.get() + ")";
            case "sa" -> "v.low >= " + hi.get();
            case "eb" -> "v.high <= " + lo.get();
            default -> { // ap: overlaps the value widened by a tenth of its distance from now, at least its width
                Duration width = Duration.between(range[0], range[1]);
                Duration distance = Duration.between(range[0], Instant.now()).abs().dividedBy(10);
                Duration margin = width.compareTo(distance) > 0 ? width : distance;
                yield "(v.low < " + sql.add(OffsetDateTime.ofInstant(DateRangesClamp.plus(range[1], margin),
                        ZoneOffset.UTC)) + " AND v.high > " + sql.add(OffsetDateTime.ofInstant(
                                DateRangesClamp.minus(range[0], margin), ZoneOffset.UTC)) + ")";
            }
        };
    }

    private String number(String column, String value, String modifier) {
        if (modifier != null) {
            return null;
        }
        String prefix = prefix(value);
        BigDecimal number = decimal(prefix == null ? value : value.substring(2), value);
        BigDecimal half = BigDecimal.ONE.movePointLeft(Math.max(number.scale(), 0)).divide(BigDecimal.valueOf(2));
        Supplier<String> bound = () -> sql.add(Numeric.create(number)) + "::numeric";
        return switch (prefix == null ? "eq" : prefix) {
            case "eq" -> "(" + column + " >= " + sql.add(Numeric.create(number.subtract(half))) + "::numeric AND "
                    + column + " < " + sql.add(Numeric.create(number.add(half))) + "::numeric)";
            case "ne" -> "NOT (" + column + " >= " + sql.add(Numeric.create(number.subtract(half)))
                    + "::numeric AND " + column + " < " + sql.add(Numeric.create(number.add(half))) + "::numeric)";
            case "gt", "sa" -> column + " > " + bound.get();
            case "lt", "eb" -> column + " < " + bound.get();
            case "ge" -> column + " >= " + bound.get();
            case "le" -> column + " <= " + bound.get();
            default -> { // ap: within 10 %
                BigDecimal tenth = number.abs().divide(BigDecimal.TEN);
                yield "(" + column + " >= " + sql.add(Numeric.create(number.subtract(tenth))) + "::numeric AND "
                        + column + " <= " + sql.add(Numeric.create(number.add(tenth))) + "::numeric)";
            }
        };
    }

    private String quantity(String value, String modifier) {
        String[] parts = value.split("\\|", -1);
        String condition = number("v.value", parts[0], modifier);
        if (condition == null) {
            return null;
        }
        if (parts.length >= 3) {
            if (!parts[1].isEmpty()) {
                condition += " AND v.system = " + sql.add(parts[1]);
            }
            if (!parts[2].isEmpty()) {
                condition += " AND v.code = " + sql.add(parts[2]);
            }
        } else if (parts.length == 2 && !parts[1].isEmpty()) {
            condition += " AND v.code = " + sql.add(parts[1]);
        }
        return condition;
    }

    private String uri(String value, String modifier) {
        if (modifier == null) {
            return "v.value = " + sql.add(value);
        }
        return switch (modifier) {
            case "below" -> "v.value LIKE " + sql.add(likePrefix(value)) + " ESCAPE '\\'";
            case "above" -> pattern(sql.add(value)) + " LIKE (replace(replace(replace(v.value, '\\', '\\\\'), '%', '\\%'), "
                    + "'_', '\\_') || '%') ESCAPE '\\'";
            default -> null;
        };
    }

    private String pattern(String placeholder) {
        patterns = true;
        return placeholder;
    }

    /** {@code subject:Patient.name=x}: resources whose reference points at a target matching the rest. */
    private String chain(String type, String id, String head, SearchQuery.Criterion rest) {
        String refName = head;
        String targetType = null;
        int colon = head.indexOf(':');
        if (colon > 0) {
            refName = head.substring(0, colon);
            targetType = head.substring(colon + 1);
        }
        SearchParamDef def = registry.find(type, refName).orElse(null);
        if (def == null || def.type() != SearchParamType.REFERENCE) {
            return unknown(rest, "'" + head + "' is not a reference parameter of " + type + " to chain from");
        }
        List<String> targets = new ArrayList<>();
        String restParam = rest.name().contains(".") ? rest.name().substring(0, rest.name().indexOf('.'))
                : rest.name();
        if (targetType != null) {
            targets.add(targetType);
        } else {
            for (String candidate : def.targets()) {
                if (restParam.equals("_id") || restParam.startsWith("_has")
                        || registry.find(candidate, restParam.contains(":") ? restParam.substring(0,
                                restParam.indexOf(':')) : restParam).isPresent()) {
                    targets.add(candidate);
                }
            }
        }
        if (targets.isEmpty()) {
            return unknown(rest, "No target of '" + head + "' has a search parameter '" + restParam + "'");
        }
        List<String> alternatives = new ArrayList<>();
        for (String target : targets) {
            Grant grant = grants.apply(target);
            String x = sql.alias("x");
            String condition = one(target, x + ".target_id", rest);
            if (condition == null) {
                continue;
            }
            alternatives.add(x + ".target_type = " + sql.add(target) + " AND " + confinement(grant, target,
                    x + ".target_id") + condition);
            alternatives.set(alternatives.size() - 1, "EXISTS (SELECT 1 FROM fhir.search_reference " + x + " WHERE "
                    + x + ".tenant_id = " + tenantParam + " AND " + x + ".res_type = " + sql.add(type) + " AND " + x
                    + ".res_id = " + id + " AND " + x + ".param = " + sql.add(refName) + " AND "
                    + alternatives.get(alternatives.size() - 1) + ")");
        }
        return alternatives.isEmpty() ? null : "(" + String.join(" OR ", alternatives) + ")";
    }

    /** {@code _has:Observation:patient:code=x}: resources that a matching Observation points at. */
    private String has(String type, String id, SearchQuery.Criterion criterion) {
        String[] parts = criterion.name().substring("_has:".length()).split(":", 3);
        if (parts.length < 3) {
            throw new InvalidRequestException("search-parameter-invalid",
                    "_has takes the form _has:Type:reference:parameter", criterion.name());
        }
        String source = parts[0];
        String refName = parts[1];
        SearchParamDef def = registry.find(source, refName).orElse(null);
        if (def == null || def.type() != SearchParamType.REFERENCE) {
            return unknown(criterion, "'" + refName + "' is not a reference parameter of " + source);
        }
        Grant grant = grants.apply(source);
        String x = sql.alias("h");
        String rest = one(source, x + ".res_id", new SearchQuery.Criterion(parts[2], criterion.modifier(),
                criterion.values()));
        if (rest == null) {
            return null;
        }
        return "EXISTS (SELECT 1 FROM fhir.search_reference " + x + " WHERE " + x + ".tenant_id = " + tenantParam
                + " AND " + x + ".res_type = " + sql.add(source) + " AND " + x + ".param = " + sql.add(refName)
                + " AND " + x + ".target_type = " + sql.add(type) + " AND " + x + ".target_id = " + id + " AND "
                + confinement(grant, source, x + ".res_id") + rest + ")";
    }

    /** For a patient-confined grant: the resource must be in the patient's compartment ("" otherwise). */
    String confinement(Grant grant, String type, String id) {
        if (!grant.confined()) {
            return "";
        }
        String m = sql.alias("m");
        return "EXISTS (SELECT 1 FROM fhir.compartment_members " + m + " WHERE " + m + ".tenant_id = " + tenantParam
                + " AND " + m + ".patient_id = " + sql.add(grant.patient()) + " AND " + m + ".res_type = "
                + sql.add(type) + " AND " + m + ".res_id = " + id + ") AND ";
    }

    private String unknown(SearchQuery.Criterion criterion, String message) {
        if (lenient) {
            ignored.add(message);
            return null;
        }
        throw new InvalidRequestException("search-parameter-unknown", message, criterion.written());
    }

    static String table(SearchParamType type) {
        return switch (type) {
            case TOKEN -> "fhir.search_token";
            case STRING -> "fhir.search_string";
            case REFERENCE -> "fhir.search_reference";
            case DATE -> "fhir.search_date";
            case NUMBER -> "fhir.search_number";
            case QUANTITY -> "fhir.search_quantity";
            case URI -> "fhir.search_uri";
            default -> throw new IllegalArgumentException(type.name());
        };
    }

    private static String prefix(String value) {
        if (value.length() > 2 && Character.isLetter(value.charAt(0)) && Character.isLetter(value.charAt(1))) {
            String prefix = value.substring(0, 2);
            if (PREFIXES.contains(prefix)) {
                return prefix;
            }
        }
        return null;
    }

    private static BigDecimal decimal(String number, String value) {
        try {
            return new BigDecimal(number);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("search-value-invalid", "'" + value + "' is not a number "
                    + "(with an optional prefix such as gt)");
        }
    }

    private static String single(SearchQuery.Criterion criterion) {
        return criterion.values().get(0);
    }

    private String likePrefix(String value) {
        patterns = true;
        return escapedPrefix(value);
    }

    static String escapedPrefix(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** Instant arithmetic that stays inside what PostgreSQL and the index store. */
    private static final class DateRangesClamp {
        static Instant plus(Instant i, Duration d) {
            return i.isAfter(DateRanges.MAX.minus(d)) ? DateRanges.MAX : i.plus(d);
        }

        static Instant minus(Instant i, Duration d) {
            return i.isBefore(DateRanges.MIN.plus(d)) ? DateRanges.MIN : i.minus(d);
        }
    }
}
