package io.tenfold.fhir.transaction;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.tenfold.commons.error.InvalidRequestException;
import io.tenfold.commons.error.OperationOutcomeException;
import io.tenfold.commons.error.PayloadTooLargeException;
import io.tenfold.commons.error.UnprocessableEntityException;
import io.tenfold.commons.http.HttpConfig;
import io.tenfold.fhir.parse.ResourceParser;

/**
 * Reads a batch or transaction Bundle. The JSON is read once into a tree; the Bundle around the resources is
 * parsed strictly by HAPI (an unknown element or a bad {@code request.method} fails the whole request), and each
 * entry's resource on its own (so that an error names its entry, and in a batch fails only that entry). In a
 * transaction, references to the {@code fullUrl} of a created entry are rewritten in the JSON before HAPI parses
 * it (the new ids are chosen here), so that the common case costs no second walk over the parsed resources.
 */
@ApplicationScoped
public class BundleReader {

    /** A resource is at most {@code ResourceParser.MAX_DEPTH} deep; Bundle, entry array, entry add three. */
    private static final int MAX_DEPTH = 64 + 3;
    private static final Pattern ABSOLUTE_INSTANCE = Pattern.compile(
            "[a-z][a-z0-9+.-]*://.+/([A-Z][A-Za-z]+/[A-Za-z0-9\\-.]{1,64})");
    private static final Pattern CONDITIONAL_REFERENCE = Pattern.compile("[A-Z][A-Za-z]+\\?.*");

    private final ObjectMapper mapper;
    private final ResourceParser parser;
    private final long maxBytes;

    public BundleReader(ResourceParser parser, HttpConfig http) {
        this.parser = parser;
        this.maxBytes = http.maxBodySize().asLongValue();
        this.mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                .maxStringLength(Integer.MAX_VALUE).build());
    }

    /** Reads {@code body}, posted to {@code base}. In a transaction, any bad entry fails the whole request. */
    public BundleRequest read(byte[] body, String base) {
        ObjectNode root = tree(body);
        String bundleType = root.path("type").asText("");
        if (!bundleType.equals("batch") && !bundleType.equals("transaction")) {
            throw new InvalidRequestException("bundle-type-unsupported", "Only a Bundle of type batch or transaction "
                    + "can be posted to the base, not '" + bundleType + "'", "Bundle.type");
        }
        boolean transaction = bundleType.equals("transaction");
        JsonNode entryArray = root.path("entry");
        List<ObjectNode> jsonEntries = new ArrayList<>();
        if (entryArray instanceof ArrayNode array) {
            for (JsonNode e : array) {
                if (!(e instanceof ObjectNode entry)) {
                    throw new InvalidRequestException("bundle-invalid", "Bundle.entry holds objects", "Bundle.entry");
                }
                jsonEntries.add(entry);
            }
        }
        Bundle shell = shell(root, jsonEntries);
        if (shell.getEntry().size() != jsonEntries.size()) {
            throw new InvalidRequestException("entry-request-missing",
                    "Every entry of a batch or transaction needs a request", "Bundle.entry.request");
        }

        List<BundleEntry> entries = new ArrayList<>(jsonEntries.size());
        for (int i = 0; i < jsonEntries.size(); i++) {
            try {
                entries.add(request(i, shell.getEntry().get(i), base, transaction));
            } catch (OperationOutcomeException e) {
                if (transaction) {
                    throw EntryFailure.of(i, e);
                }
                entries.add(BundleEntry.failed(i, method(shell.getEntry().get(i)), e));
            }
        }

        Map<String, String> created = new HashMap<>();
        Set<String> late = new HashSet<>();
        if (transaction) {
            fullUrls(entries, created, late);
        }
        for (int i = 0; i < entries.size(); i++) {
            BundleEntry entry = entries.get(i);
            if (entry.failure() != null) {
                continue;
            }
            try {
                entries.set(i, withResource(entry, (ObjectNode) jsonEntries.get(i).get("resource"), created, late));
            } catch (OperationOutcomeException e) {
                if (transaction) {
                    throw EntryFailure.of(i, e);
                }
                entries.set(i, BundleEntry.failed(i, entry.method(), e));
            }
        }
        return new BundleRequest(transaction, entries, created);
    }

    private ObjectNode tree(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidRequestException("body-missing", "The request has no body; a Bundle is expected");
        }
        if (body.length > maxBytes) {
            throw new PayloadTooLargeException("body-too-large",
                    "The request body is larger than the limit of " + maxBytes + " bytes");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (StreamConstraintsException e) {
            throw new InvalidRequestException("json-too-deep", "The JSON body is nested too deep");
        } catch (IOException e) {
            throw new InvalidRequestException("json-malformed", "The body is not valid JSON (UTF-8): "
                    + firstLine(e.getMessage()));
        }
        if (!(root instanceof ObjectNode object) || !"Bundle".equals(object.path("resourceType").asText(null))) {
            throw new InvalidRequestException("bundle-expected", "A batch or transaction is a Bundle; the body is "
                    + (root instanceof ObjectNode o ? "a " + o.path("resourceType").asText("JSON object") : "not one"),
                    "resourceType");
        }
        return object;
    }

    /** The Bundle without its entries' resources, parsed strictly. */
    private Bundle shell(ObjectNode root, List<ObjectNode> jsonEntries) {
        ObjectNode shell = mapper.createObjectNode();
        root.properties().forEach(field -> {
            if (!field.getKey().equals("entry")) {
                shell.set(field.getKey(), field.getValue());
            }
        });
        if (!jsonEntries.isEmpty()) {
            ArrayNode array = shell.putArray("entry");
            for (ObjectNode entry : jsonEntries) {
                ObjectNode copy = array.addObject();
                entry.properties().forEach(field -> {
                    if (!field.getKey().equals("resource")) {
                        copy.set(field.getKey(), field.getValue());
                    }
                });
            }
        }
        try {
            return (Bundle) parser.parse(mapper.writeValueAsBytes(shell));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String method(Bundle.BundleEntryComponent entry) {
        return entry.getRequest().hasMethod() ? entry.getRequest().getMethod().toCode() : "";
    }

    private BundleEntry request(int index, Bundle.BundleEntryComponent entry, String base, boolean transaction) {
        Bundle.BundleEntryRequestComponent request = entry.getRequest();
        if (!request.hasMethod() || !request.hasUrl()) {
            throw new InvalidRequestException("entry-request-missing",
                    "An entry needs request.method and request.url", "request");
        }
        String method = request.getMethod().toCode();
        EntryUrl url = EntryUrl.parse(request.getUrl(), base, parser::isResourceType);
        switch (method) {
            case "POST" -> {
                if (!url.typeOnly()) {
                    throw new InvalidRequestException("entry-url-invalid", "A POST entry's url is a resource type",
                            "request.url");
                }
            }
            case "PUT", "PATCH", "DELETE" -> {
                if (!url.instance() && !url.conditional()) {
                    throw new InvalidRequestException("entry-url-invalid", "A " + method
                            + " entry's url is Type/id or Type?search", "request.url");
                }
                if (url.conditional() && url.query().isBlank()) {
                    throw new InvalidRequestException("entry-url-invalid", "A conditional " + method
                            + " needs search parameters", "request.url");
                }
            }
            default -> {
                if (url.id() == null && !method.equals("GET")) {
                    throw new InvalidRequestException("entry-url-invalid",
                            "A HEAD entry's url is Type/id or Type/id/_history/vid", "request.url");
                }
            }
        }
        String ifNoneExist = request.hasIfNoneExist() && method.equals("POST") ? request.getIfNoneExist() : null;
        if (ifNoneExist != null && ifNoneExist.indexOf('?') >= 0) {
            ifNoneExist = ifNoneExist.substring(ifNoneExist.indexOf('?') + 1); // "Type?query" or "?query"
        }
        if (ifNoneExist != null && ifNoneExist.isBlank()) {
            ifNoneExist = null;
        }
        String fullUrl = entry.hasFullUrl() ? entry.getFullUrl() : null;
        String assignedId = method.equals("POST") || method.equals("PUT") ? UUID.randomUUID().toString() : null;
        return new BundleEntry(index, method, url, fullUrl, request.hasIfMatch() ? request.getIfMatch() : null,
                ifNoneExist, null, null, assignedId, false, null, null);
    }

    /**
     * The references the transaction's own entries define: {@code created} maps the fullUrl of a create (and,
     * for an absolute fullUrl, its {@code Type/id}) to its new {@code Type/id}, or an update's to its target;
     * {@code late} collects those only the database can resolve (conditional creates, updates and patches).
     */
    private static void fullUrls(List<BundleEntry> entries, Map<String, String> created, Set<String> late) {
        Set<String> seen = new HashSet<>();
        for (BundleEntry entry : entries) {
            String fullUrl = entry.fullUrl();
            if (fullUrl == null || entry.method().equals("GET") || entry.method().equals("HEAD")
                    || entry.method().equals("DELETE")) {
                continue;
            }
            if (!seen.add(fullUrl)) {
                throw EntryFailure.of(entry.index(), new InvalidRequestException("fullurl-duplicate",
                        "fullUrl '" + fullUrl + "' is used by an earlier entry too", "fullUrl"));
            }
            EntryUrl url = entry.url();
            String target = null;
            if (entry.method().equals("POST") && entry.ifNoneExist() == null) {
                target = url.type() + "/" + entry.assignedId();
            } else if (url.instance()) {
                target = url.type() + "/" + url.id();
            }
            for (String key : keys(fullUrl)) {
                if (target != null) {
                    created.put(key, target);
                } else {
                    late.add(key);
                }
            }
        }
    }

    /** The reference strings that name the entry with {@code fullUrl}. */
    static List<String> keys(String fullUrl) {
        Matcher absolute = ABSOLUTE_INSTANCE.matcher(fullUrl);
        return absolute.matches() ? List.of(fullUrl, absolute.group(1)) : List.of(fullUrl);
    }

    private BundleEntry withResource(BundleEntry entry, ObjectNode json, Map<String, String> created,
            Set<String> late) {
        String method = entry.method();
        if (!(method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
            return entry;
        }
        if (json == null) {
            throw new InvalidRequestException("entry-resource-missing", "A " + method + " entry needs a resource",
                    "resource");
        }
        References references = new References(created, late);
        references.rewrite(json);
        Resource resource;
        try {
            resource = parser.parse(mapper.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        EntryUrl url = entry.url();
        byte[] patch = null;
        if (method.equals("PATCH")) {
            if (!(resource instanceof Binary binary)
                    || !binary.getContentType().toLowerCase().startsWith("application/json-patch+json")) {
                throw new InvalidRequestException("patch-format-unsupported", "A PATCH entry's resource is a Binary "
                        + "of contentType application/json-patch+json (FHIRPath Patch is not supported)", "resource");
            }
            patch = binary.getData();
            if (patch == null) {
                throw new InvalidRequestException("entry-resource-missing", "The PATCH entry's Binary has no data",
                        "resource.data");
            }
        } else {
            if (!resource.fhirType().equals(url.type())) {
                throw new InvalidRequestException("resource-type-mismatch", "The resource is a "
                        + resource.fhirType() + ", request.url names " + url.type(), "resource.resourceType");
            }
            String bodyId = resource.getIdElement().getIdPart();
            if (method.equals("PUT") && url.instance()) {
                if (bodyId == null) {
                    throw new InvalidRequestException("id-missing", "An update's resource must carry the id of "
                            + "request.url", "resource.id");
                }
                if (!bodyId.equals(url.id())) {
                    throw new InvalidRequestException("id-mismatch", "The resource's id '" + bodyId
                            + "' is not the id of request.url '" + url.id() + "'", "resource.id");
                }
            }
        }
        return new BundleEntry(entry.index(), method, url, entry.fullUrl(), entry.ifMatch(), entry.ifNoneExist(),
                resource, patch, entry.assignedId(), references.late, references.conditional, null);
    }

    /** Rewrites {@code reference} strings in a resource's JSON, and notes what is left to the database. */
    private static final class References {
        private final Map<String, String> created;
        private final Set<String> lateUrls;
        boolean late;
        final List<String> conditional = new ArrayList<>();

        References(Map<String, String> created, Set<String> lateUrls) {
            this.created = created;
            this.lateUrls = lateUrls;
        }

        void rewrite(JsonNode node) {
            if (node instanceof ObjectNode object) {
                for (var it = object.properties().iterator(); it.hasNext();) {
                    var field = it.next();
                    JsonNode value = field.getValue();
                    if (field.getKey().equals("reference") && value instanceof TextNode text) {
                        String replaced = reference(text.textValue());
                        if (replaced != null) {
                            field.setValue(TextNode.valueOf(replaced));
                        }
                    } else if (value.isContainerNode()) {
                        rewrite(value);
                    }
                }
            } else if (node instanceof ArrayNode array) {
                for (JsonNode element : array) {
                    if (element.isContainerNode()) {
                        rewrite(element);
                    }
                }
            }
        }

        /** The new value of a reference, or null to keep it. */
        private String reference(String ref) {
            String target = created.get(ref);
            if (target != null) {
                return target;
            }
            if (lateUrls.contains(ref)) {
                late = true;
            } else if (CONDITIONAL_REFERENCE.matcher(ref).matches()) {
                late = true;
                if (!conditional.contains(ref)) {
                    conditional.add(ref);
                }
            } else if (ref.startsWith("urn:uuid:") || ref.startsWith("urn:oid:")) {
                throw new UnprocessableEntityException("reference-unresolved", "Reference '" + ref
                        + "' names no entry of this transaction (a batch's entries cannot refer to each other)",
                        "resource");
            }
            return null;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
