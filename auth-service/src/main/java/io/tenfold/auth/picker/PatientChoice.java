package io.tenfold.auth.picker;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A patient the provider may pick: its id and how the picker shows it (name, birth date, gender). */
public record PatientChoice(String id, String label) {

    static PatientChoice of(JsonObject patient) {
        StringBuilder label = new StringBuilder(name(patient.getJsonArray("name")));
        if (patient.getString("birthDate") != null) {
            label.append(", born ").append(patient.getString("birthDate"));
        }
        if (patient.getString("gender") != null) {
            label.append(", ").append(patient.getString("gender"));
        }
        return new PatientChoice(patient.getString("id"), label.toString());
    }

    private static String name(JsonArray names) {
        if (names == null || names.isEmpty() || !(names.getValue(0) instanceof JsonObject name)) {
            return "(no name)";
        }
        if (name.getString("text") != null && !name.getString("text").isBlank()) {
            return name.getString("text");
        }
        StringBuilder out = new StringBuilder();
        if (name.getString("family") != null) {
            out.append(name.getString("family"));
        }
        JsonArray given = name.getJsonArray("given");
        if (given != null && !given.isEmpty()) {
            out.append(out.length() > 0 ? ", " : "");
            for (int i = 0; i < given.size(); i++) {
                out.append(i > 0 ? " " : "").append(given.getValue(i));
            }
        }
        return out.length() == 0 ? "(no name)" : out.toString();
    }
}
