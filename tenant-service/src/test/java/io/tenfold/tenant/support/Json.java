package io.tenfold.tenant.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Variations of a valid JSON body, for bad-input tests: one element set or removed by its JSON pointer. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** {@code json} with the element at {@code pointer} (e.g. {@code /auth/authorization_code/pkce}) set. */
    public static String with(String json, String pointer, String valueJson) {
        JsonNode root = parse(json);
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = slash == 0 ? root : root.at(pointer.substring(0, slash));
        String name = pointer.substring(slash + 1);
        JsonNode value = parse(valueJson);
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(name), value);
        } else {
            ((ObjectNode) parent).set(name, value);
        }
        return root.toString();
    }

    /** {@code json} without the element at {@code pointer}. */
    public static String without(String json, String pointer) {
        JsonNode root = parse(json);
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = slash == 0 ? root : root.at(pointer.substring(0, slash));
        ((ObjectNode) parent).remove(pointer.substring(slash + 1));
        return root.toString();
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
