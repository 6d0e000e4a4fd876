package io.tenfold.tenant.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tenfold.commons.event.AccessPolicyState;
import io.tenfold.tenant.registry.Element;
import io.tenfold.tenant.registry.Header;
import io.tenfold.tenant.registry.Reference;
import io.tenfold.tenant.registry.RegistryDocument;

/**
 * An AccessPolicy as an operator sends it: {@code engine} ({@code allow}: what the scopes permit; {@code rules}:
 * only what the rules allow on top of the scopes), {@code link} (the clients and users of its tenant it applies
 * to), {@code rule} ({@code resource}, {@code action}, {@code effect}), {@code description}. Always of a tenant.
 */
public record AccessPolicyDocument(Header header, String engine, List<Reference> links,
        List<AccessPolicyState.Rule> rules, ObjectNode resource) implements RegistryDocument {

    private static final Set<String> ELEMENTS = Header.elements("engine", "link", "rule", "description");
    private static final Set<String> ENGINES = Set.of("allow", "rules");
    private static final Set<String> LINK_TYPES = Set.of("Client", "User");
    private static final Set<String> RULE = Set.of("resource", "action", "effect");
    private static final Set<String> ACTIONS = Set.of("read", "search", "create", "update", "delete", "export",
            "*");
    private static final Set<String> EFFECTS = Set.of("Allow", "Deny");
    private static final Pattern RESOURCE_TYPE = Pattern.compile("[A-Z][A-Za-z]{1,63}|\\*");

    /** Validates a parsed body; {@code pathId} is the id of {@code PUT /AccessPolicy/{id}}. */
    public static AccessPolicyDocument from(JsonNode body, String pathId) {
        Element root = Element.root(body, "AccessPolicy").allowOnly(ELEMENTS);
        Header header = Header.read(root, pathId);
        if (header.tenantId() == null) {
            throw root.get("meta").get("tenant").invalid("tenant-missing",
                    "An AccessPolicy belongs to a tenant: set AccessPolicy.meta.tenant");
        }
        String engine = root.get("engine").requiredText(16);
        if (!ENGINES.contains(engine)) {
            throw root.get("engine").invalid("engine-invalid", "AccessPolicy.engine must be allow or rules");
        }
        String description = root.get("description").text(2000);
        List<Reference> links = new ArrayList<>();
        for (Element link : root.get("link").items()) {
            Reference reference = Reference.read(link, LINK_TYPES, null);
            if (!links.contains(reference)) {
                links.add(reference);
            }
        }
        List<AccessPolicyState.Rule> rules = rules(root.get("rule"), engine);

        ObjectNode resource = JsonNodeFactory.instance.objectNode();
        resource.put("resourceType", "AccessPolicy");
        resource.put("id", header.id());
        if (description != null) {
            resource.put("description", description);
        }
        resource.put("engine", engine);
        ArrayNode linkArray = resource.putArray("link");
        links.forEach(link -> linkArray.add(link.toJson()));
        if (!rules.isEmpty()) {
            ArrayNode ruleArray = resource.putArray("rule");
            for (AccessPolicyState.Rule rule : rules) {
                ObjectNode node = ruleArray.addObject();
                rule.resource().forEach(node.putArray("resource")::add);
                rule.action().forEach(node.putArray("action")::add);
                node.put("effect", rule.effect());
            }
        }
        resource.set("meta", header.meta());
        return new AccessPolicyDocument(header, engine, List.copyOf(links), rules, resource);
    }

    public AccessPolicyState state(long version) {
        return new AccessPolicyState(id(), tenantId(), engine,
                links.stream().map(l -> new AccessPolicyState.Link(l.resourceType(), l.id())).toList(), rules,
                version);
    }

    /** The rules: required and non-empty for the {@code rules} engine, forbidden for {@code allow}. */
    private static List<AccessPolicyState.Rule> rules(Element element, String engine) {
        List<Element> items = element.items();
        if ("allow".equals(engine)) {
            if (element.isPresent()) {
                throw element.invalid("rule-not-allowed", "The allow engine takes no rules: use engine rules");
            }
            return List.of();
        }
        if (items.isEmpty()) {
            throw element.invalid("rule-missing", "The rules engine needs at least one rule");
        }
        List<AccessPolicyState.Rule> rules = new ArrayList<>();
        for (Element item : items) {
            if (!item.isPresent()) {
                throw item.invalid("rule-invalid", item.path() + " must be a rule object");
            }
            item.object().allowOnly(RULE);
            List<String> resources = values(item.get("resource"), "resource", RESOURCE_TYPE.asMatchPredicate(),
                    "a FHIR resource type or *");
            List<String> actions = values(item.get("action"), "action", ACTIONS::contains,
                    "read, search, create, update, delete, export or *");
            String effect = item.get("effect").requiredText(8);
            if (!EFFECTS.contains(effect)) {
                throw item.get("effect").invalid("effect-invalid", item.path() + ".effect must be Allow or Deny");
            }
            rules.add(new AccessPolicyState.Rule(resources, actions, effect));
        }
        return List.copyOf(rules);
    }

    private static List<String> values(Element element, String name, Predicate<String> valid, String rule) {
        List<Element> items = element.items();
        if (items.isEmpty()) {
            throw element.invalid(name + "-missing", element.path() + " must list at least one value");
        }
        Set<String> values = new LinkedHashSet<>();
        for (Element item : items) {
            String value = item.requiredText(64);
            if (!valid.test(value)) {
                throw item.invalid(name + "-invalid", item.path() + " must be " + rule);
            }
            values.add(value);
        }
        return List.copyOf(values);
    }
}
