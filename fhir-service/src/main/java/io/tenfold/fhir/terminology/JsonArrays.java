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
        List<JsonObject> objects = new ArrayList<>();
        if (array != null) {
            for (Object item : array) {
                if (item instanceof JsonObject object) {
                    objects.add(object);
                }
            }
        }
        return objects;
    }

    static List<String> strings(JsonArray array) {
        List<String> strings = new ArrayList<>();
        if (array != null) {
            for (Object item : array) {
                if (item instanceof String s) {
                    strings.add(s);
                }
            }
        }
        return strings;
    }
}
