package io.tenfold.fhir.terminology;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The objects or strings of a JSON array that may be absent (none then), skipping items of other kinds. */
final class JsonArrays {

    private JsonArrays() {
    }

    static List<JsonObject> objects(JsonArray array) {
        return items(array, JsonObject.class);
    }

    static List<String> strings(JsonArray array) {
        return items(array, String.class);
    }

    private static <T> List<T> items(JsonArray array, Class<T> kind) {
        List<T> items = new ArrayList<>();
        if (array != null) {
            for (Object item : array) {
                if (kind.isInstance(item)) {
                    items.add(kind.cast(item));
                }
            }
        }
        return items;
    }
}
