package io.tenfold.fhir.crud;

import java.util.Iterator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tenfold.commons.error.InvalidRequestException;
import io.tenfold.commons.error.UnprocessableEntityException;

/**
 * RFC 6902 JSON Patch applied to a resource's JSON: {@code add}, {@code remove}, {@code replace}, {@code move},
 * {@code copy}, {@code test}. A malformed patch is a 400; a patch that does not apply (a path that is not there, a
 * failed {@code test}) a 422. The result is parsed again as a resource by the caller.
 */
public final class JsonPatch {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonPatch() {
    }

    public static String apply(String document, byte[] patch) {
        JsonNode operations;
        JsonNode target;
        try {
            operations = JSON.readTree(patch);
            target = JSON.readTree(document);
        } catch (java.io.IOException e) {
            throw new InvalidRequestException("patch-invalid", "The body is not a JSON Patch document (RFC 6902)");
        }
        if (operations == null || !operations.isArray()) {
            throw new InvalidRequestException("patch-invalid", "A JSON Patch is an array of operations");
        }
        for (JsonNode operation : operations) {
            target = applyOne(target, operation);
        }
        try {
            return JSON.writeValueAsString(target);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode applyOne(JsonNode target, JsonNode operation) {
        String op = text(operation, "op");
        String path = text(operation, "path");
        switch (op) {
            case "add" -> add(target, path, value(operation));
            case "remove" -> remove(target, path);
            case "replace" -> {
                remove(target, path);
                add(target, path, value(operation));
            }
            case "move" -> {
                String from = text(operation, "from");
                JsonNode moved = get(target, from);
                remove(target, from);
                add(target, path, moved);
            }
            case "copy" -> add(target, path, get(target, text(operation, "from")).deepCopy());
            case "test" -> {
                if (!get(target, path).equals(value(operation))) {
                    throw new UnprocessableEntityException("patch-test-failed",
                            "The patch's test of '" + path + "' failed");
                }
            }
            default -> throw new InvalidRequestException("patch-invalid", "Unknown JSON Patch operation '" + op + "'");
        }
        return target;
    }

    private static void add(JsonNode root, String path, JsonNode value) {
        if (path.isEmpty()) {
            throw new UnprocessableEntityException("patch-invalid-path", "A patch may not replace the whole resource");
        }
        JsonNode parent = get(root, parentOf(path));
        String last = lastOf(path);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            int index = last.equals("-") ? array.size() : index(last, array.size() + 1, path);
            array.insert(index, value);
        } else {
            throw notThere(path);
        }
    }

    private static void remove(JsonNode root, String path) {
        if (path.isEmpty()) {
            throw new UnprocessableEntityException("patch-invalid-path", "A patch may not remove the whole resource");
        }
        JsonNode parent = get(root, parentOf(path));
        String last = lastOf(path);
        if (parent instanceof ObjectNode object && object.has(last)) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array) {
            array.remove(index(last, array.size(), path));
        } else {
            throw notThere(path);
        }
    }

    private static JsonNode get(JsonNode root, String path) {
        JsonNode node = root;
        if (path.isEmpty()) {
            return node;
        }
        if (!path.startsWith("/")) {
            throw new InvalidRequestException("patch-invalid", "A JSON Pointer starts with '/': '" + path + "'");
        }
        Iterator<String> tokens = java.util.Arrays.asList(path.substring(1).split("/", -1)).iterator();
        while (tokens.hasNext()) {
            String token = unescape(tokens.next());
            if (node instanceof ObjectNode object && object.has(token)) {
                node = object.get(token);
            } else if (node instanceof ArrayNode array) {
                node = array.get(index(token, array.size(), path));
            } else {
                throw notThere(path);
            }
        }
        return node;
    }

    private static int index(String token, int size, String path) {
        try {
            int index = Integer.parseInt(token);
            if (index >= 0 && index < size) {
                return index;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw notThere(path);
    }

    private static String parentOf(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }

    private static String lastOf(String path) {
        return unescape(path.substring(path.lastIndexOf('/') + 1));
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    private static String text(JsonNode operation, String field) {
        JsonNode node = operation.get(field);
        if (node == null || !node.isTextual()) {
            throw new InvalidRequestException("patch-invalid", "A JSON Patch operation needs a string '" + field + "'");
        }
        return node.asText();
    }

    private static JsonNode value(JsonNode operation) {
        if (!operation.has("value")) {
            throw new InvalidRequestException("patch-invalid", "A JSON Patch operation needs a 'value'");
        }
        return operation.get("value");
    }

    private static UnprocessableEntityException notThere(String path) {
        return new UnprocessableEntityException("patch-path-missing", "The patch's path '" + path
                + "' is not in the resource");
    }
}
