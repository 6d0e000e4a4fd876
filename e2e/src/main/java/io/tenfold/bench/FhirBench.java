package io.tenfold.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * FHIR R4 REST under load, against any server: create and read Patients, create and search Observations, and
 * transactions of 100 Observations. The set-up creates a pool of Patients (transaction Bundles), each with two
 * HbA1c results (LOINC 4548-4) and one vital sign; reads, searches and new Observations pick a pool Patient at
 * random. Writes under load add vital signs only, so each search's answer stays the same during the run: it
 * succeeds when it is a searchset holding the pool Patient's HbA1c results and nothing that does not match.
 */
final class FhirBench {

    /** The scenarios' option names, in the order they run. */
    static final List<String> SCENARIOS = List.of("create-patient", "read-patient", "create-observation",
            "search-observation", "transaction");
    static final int TRANSACTION_ENTRIES = 100;
    private static final Map<String, String> TITLES = Map.of("create-patient", "create Patient", "read-patient",
            "read Patient", "create-observation", "create Observation", "search-observation", "search Observation",
            "transaction", "transaction " + TRANSACTION_ENTRIES + " Observations");
    private static final int HBA1C_PER_PATIENT = 2;
    private static final int OBSERVATIONS_PER_PATIENT = HBA1C_PER_PATIENT + 1;
    private static final int SET_UP_BATCH = 100;
    private static final int SET_UP_PARALLEL = 4;

    private final FhirClient fhir;
    /** Makes this run's names unique: Patients of two runs never share a family name. */
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong names = new AtomicLong();
    private final String hba1c = Http.enc(FhirResources.LOINC + "|" + FhirResources.HBA1C.code());
    private List<String> pool = List.of();

    FhirBench(FhirClient fhir) {
        this.fhir = fhir;
    }

    static String title(String scenario) {
        return TITLES.get(scenario);
    }

    static int entries(String scenario) {
        return scenario.equals("transaction") ? TRANSACTION_ENTRIES : 1;
    }

    /** Creates the pool: {@code size} Patients, each with two HbA1c results and a vital sign. */
    void setUp(int size, PrintStream log) throws Exception {
        long start = System.nanoTime();
        log.printf(Locale.ROOT, "set-up: %d Patients with %d Observations each at %s%n", size,
                OBSERVATIONS_PER_PATIENT, fhir.base());
        FhirLoader loader = new FhirLoader(fhir, SET_UP_BATCH, SET_UP_PARALLEL);
        List<String> patients = loader.patients(size, "Bench-" + run + "-pool");
        loader.resources(size * OBSERVATIONS_PER_PATIENT, i -> {
            Random random = ThreadLocalRandom.current();
            return FhirResources.observation(patients.get(i / OBSERVATIONS_PER_PATIENT),
                    i % OBSERVATIONS_PER_PATIENT < HBA1C_PER_PATIENT ? FhirResources.HBA1C
                            : FhirResources.vitalSign(random), random);
        });
        pool = patients;
        log.printf(Locale.ROOT, "set-up done in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    Scenario scenario(String name) {
        return switch (name) {
            case "create-patient" -> this::createPatient;
            case "read-patient" -> this::readPatient;
            case "create-observation" -> this::createObservation;
            case "search-observation" -> this::searchObservation;
            case "transaction" -> this::transaction;
            default -> throw new IllegalArgumentException(name);
        };
    }

    private Future<Integer> createPatient() {
        JsonObject patient = FhirResources.patient("Bench-" + run + "-" + names.incrementAndGet(),
                ThreadLocalRandom.current());
        return fhir.create("Patient", patient).compose(reply -> FhirClient.createdId("Patient", reply))
                .map(id -> 201);
    }

    private Future<Integer> readPatient() {
        String id = poolPatient();
        return fhir.get("/Patient/" + id).compose(reply -> {
            if (reply.status() != 200) {
                return FhirClient.unexpected("GET Patient/{id}", reply);
            }
            JsonObject patient = new JsonObject(reply.body());
            if (!"Patient".equals(patient.getString("resourceType")) || !id.equals(patient.getString("id"))) {
                return Future.failedFuture(new IllegalStateException("GET Patient/{id} → 200 but not that Patient"));
            }
            return Future.succeededFuture(200);
        });
    }

    private Future<Integer> createObservation() {
        Random random = ThreadLocalRandom.current();
        return fhir.create("Observation", FhirResources.observation(poolPatient(), FhirResources.vitalSign(random),
                random)).compose(reply -> FhirClient.createdId("Observation", reply)).map(id -> 201);
    }

    private Future<Integer> searchObservation() {
        String id = poolPatient();
        return fhir.get("/Observation?subject=" + Http.enc("Patient/" + id) + "&code=" + hba1c)
                .compose(reply -> searchset(reply, id, HBA1C_PER_PATIENT));
    }

    /**
     * A search's answer is right when it is a searchset whose matches are all the patient's HbA1c results (at
     * least {@code expected} of them) and nothing else; included resources and outcomes are ignored.
     */
    static Future<Integer> searchset(Http.Reply reply, String patientId, int expected) {
        if (reply.status() != 200) {
            return FhirClient.unexpected("GET Observation?subject&code", reply);
        }
        JsonObject bundle = new JsonObject(reply.body());
        if (!"Bundle".equals(bundle.getString("resourceType")) || !"searchset".equals(bundle.getString("type"))) {
            return Future.failedFuture(new IllegalStateException("GET Observation?subject&code → 200 but not a "
                    + "searchset Bundle"));
        }
        int matches = 0;
        for (Object item : bundle.getJsonArray("entry", new JsonArray())) {
            JsonObject entry = (JsonObject) item;
            String mode = entry.getJsonObject("search", new JsonObject()).getString("mode", "match");
            if (!mode.equals("match")) {
                continue;
            }
            if (!matches(entry.getJsonObject("resource"), patientId)) {
                return Future.failedFuture(new IllegalStateException("GET Observation?subject&code → a searchset "
                        + "with an entry that does not match (another subject or code)"));
            }
            matches++;
        }
        if (matches < expected) {
            return Future.failedFuture(new IllegalStateException("GET Observation?subject&code → a searchset of "
                    + matches + " matches where at least " + expected + " exist"));
        }
        return Future.succeededFuture(200);
    }

    private static boolean matches(JsonObject observation, String patientId) {
        if (observation == null || !"Observation".equals(observation.getString("resourceType"))) {
            return false;
        }
        String subject = observation.getJsonObject("subject", new JsonObject()).getString("reference", "");
        if (!(subject.equals("Patient/" + patientId) || subject.endsWith("/Patient/" + patientId))) {
            return false;
        }
        for (Object coding : observation.getJsonObject("code", new JsonObject()).getJsonArray("coding",
                new JsonArray())) {
            JsonObject c = (JsonObject) coding;
            if (FhirResources.LOINC.equals(c.getString("system"))
                    && FhirResources.HBA1C.code().equals(c.getString("code"))) {
                return true;
            }
        }
        return false;
    }

    private Future<Integer> transaction() {
        Random random = ThreadLocalRandom.current();
        List<JsonObject> observations = new ArrayList<>(TRANSACTION_ENTRIES);
        for (int i = 0; i < TRANSACTION_ENTRIES; i++) {
            observations.add(FhirResources.observation(poolPatient(), FhirResources.vitalSign(random), random));
        }
        return fhir.bundle(FhirResources.transaction(observations, random))
                .compose(reply -> FhirClient.transactionEntries(reply, TRANSACTION_ENTRIES)).map(entries -> 200);
    }

    private String poolPatient() {
        return pool.get(ThreadLocalRandom.current().nextInt(pool.size()));
    }
}
