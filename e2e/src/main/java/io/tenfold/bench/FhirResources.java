package io.tenfold.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The resources the bench writes: small, valid R4 Patients and Observations, and transaction Bundles of them. */
final class FhirResources {

    static final String LOINC = "http://loinc.org";

    /** A LOINC observation with its category and a plausible UCUM quantity range. */
    record Code(String code, String display, String category, String unit, double min, double max) {
    }

    /** Hemoglobin A1c: the laboratory result the search scenario looks for. */
    static final Code HBA1C = new Code("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", "laboratory", "%",
            4.5, 9.5);

    /** Vital signs (without components, so each is one valueQuantity). */
    static final List<Code> VITAL_SIGNS = List.of(
            new Code("8867-4", "Heart rate", "vital-signs", "/min", 50, 110),
            new Code("9279-1", "Respiratory rate", "vital-signs", "/min", 12, 24),
            new Code("8310-5", "Body temperature", "vital-signs", "Cel", 36, 39),
            new Code("29463-7", "Body weight", "vital-signs", "kg", 40, 120));

    private static final String CATEGORIES = "http://terminology.hl7.org/CodeSystem/observation-category";
    private static final String UCUM = "http://unitsofmeasure.org";
    private static final String[] GIVEN = { "Ada", "Ben", "Chloé", "Dmitri", "Eun-ji", "Farah", "Goran", "Hana",
        "Ines", "Jonas", "Kwame", "Lena", "Mateo", "Noor", "Olu", "Priya" };
    private static final long THREE_YEARS_SECONDS = 3L * 365 * 24 * 3600;

    private FhirResources() {
    }

    /** A Patient named {@code family} (the bench makes it unique), with a given name, gender and birth date. */
    static JsonObject patient(String family, Random random) {
        return new JsonObject().put("resourceType", "Patient").put("active", true)
                .put("name", new JsonArray().add(new JsonObject().put("use", "official").put("family", family)
                        .put("given", new JsonArray().add(GIVEN[random.nextInt(GIVEN.length)]))))
                .put("gender", random.nextBoolean() ? "female" : "male")
                .put("birthDate", String.format(Locale.ROOT, "%04d-%02d-%02d", 1930 + random.nextInt(90),
                        1 + random.nextInt(12), 1 + random.nextInt(28)));
    }

    /** A final Observation of {@code code} about {@code Patient/patientId}, taken in the last three years. */
    static JsonObject observation(String patientId, Code code, Random random) {
        double value = Math.round((code.min() + random.nextDouble() * (code.max() - code.min())) * 10) / 10.0;
        Instant effective = Instant.now().truncatedTo(ChronoUnit.SECONDS)
                .minusSeconds((long) (random.nextDouble() * THREE_YEARS_SECONDS));
        return new JsonObject().put("resourceType", "Observation").put("status", "final")
                .put("category", new JsonArray().add(new JsonObject().put("coding", new JsonArray()
                        .add(new JsonObject().put("system", CATEGORIES).put("code", code.category())))))
                .put("code", new JsonObject().put("coding", new JsonArray().add(new JsonObject()
                        .put("system", LOINC).put("code", code.code()).put("display", code.display())))
                        .put("text", code.display()))
                .put("subject", new JsonObject().put("reference", "Patient/" + patientId))
                .put("effectiveDateTime", effective.toString())
                .put("valueQuantity", new JsonObject().put("value", value).put("unit", code.unit())
                        .put("system", UCUM).put("code", code.unit()));
    }

    static Code vitalSign(Random random) {
        return VITAL_SIGNS.get(random.nextInt(VITAL_SIGNS.size()));
    }

    /** A transaction Bundle creating each resource ({@code POST [type]}), each entry with a fresh urn:uuid. */
    static JsonObject transaction(List<JsonObject> resources, Random random) {
        JsonArray entries = new JsonArray();
        for (JsonObject resource : resources) {
            String type = resource.getString("resourceType");
            entries.add(new JsonObject().put("fullUrl", "urn:uuid:" + uuid(random)).put("resource", resource)
                    .put("request", new JsonObject().put("method", "POST").put("url", type)));
        }
        return new JsonObject().put("resourceType", "Bundle").put("type", "transaction").put("entry", entries);
    }

    /** A random (version 4) UUID from {@code random}: SecureRandom is not needed for a bench's fullUrls. */
    static UUID uuid(Random random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
