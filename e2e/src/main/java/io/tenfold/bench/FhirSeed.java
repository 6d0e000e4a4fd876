package io.tenfold.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

import io.vertx.core.json.JsonObject;

/**
 * Grows a FHIR server's data: {@code patients} Patients, then {@code observations} Observations spread evenly
 * over them (one in four an HbA1c result, the others vital signs), all through transaction Bundles; prints its
 * progress every few seconds and the load rate at the end. Not resumable: a second run adds as much again.
 */
final class FhirSeed {

    /** What a seed did. */
    record Result(int patients, double patientSeconds, int observations, double seconds, int batch, int parallel) {

        double observationsPerSecond() {
            return observations / seconds;
        }

        String line() {
            return String.format(Locale.ROOT, "fhir-seed: %d Patients in %.1f s; %d Observations in %.1f s "
                    + "(%.1f Observations/s), Bundles of %d, %d in flight%n", patients, patientSeconds, observations,
                    seconds, observationsPerSecond(), batch, parallel);
        }

        String json() {
            return new JsonObject().put("suite", "fhir-seed").put("patients", patients)
                    .put("patientSeconds", Report.round(patientSeconds, 1)).put("observations", observations)
                    .put("seconds", Report.round(seconds, 1))
                    .put("observationsPerSecond", Report.round(observationsPerSecond(), 1)).put("batch", batch)
                    .put("concurrency", parallel).encodePrettily() + "\n";
        }
    }

    private static final long PROGRESS_MILLIS = 5000;

    private FhirSeed() {
    }

    static Result run(FhirClient fhir, int observations, int patients, int batch, int parallel, PrintStream log)
            throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        long start = System.nanoTime();
        log.printf(Locale.ROOT, "fhir-seed: %d Patients, then %d Observations, at %s%n", patients, observations,
                fhir.base());
        List<String> ids = new FhirLoader(fhir, batch, parallel).patients(patients, "Seed-" + run);
        double patientSeconds = (System.nanoTime() - start) / 1e9;
        FhirLoader loader = new FhirLoader(fhir, batch, parallel);
        long loading = System.nanoTime();
        long timer = fhir.http().vertx().setPeriodic(PROGRESS_MILLIS, id -> {
            long written = loader.written();
            log.printf(Locale.ROOT, "fhir-seed: %d / %d Observations (%.0f%%), %.1f/s%n", written, observations,
                    100.0 * written / observations, written / ((System.nanoTime() - loading) / 1e9));
        });
        try {
            loader.resources(observations, i -> {
                Random random = ThreadLocalRandom.current();
                return FhirResources.observation(ids.get(i % patients), i % 4 == 0 ? FhirResources.HBA1C
                        : FhirResources.vitalSign(random), random);
            });
        } finally {
            fhir.http().vertx().cancelTimer(timer);
        }
        return new Result(patients, patientSeconds, observations, (System.nanoTime() - loading) / 1e9, batch,
                parallel);
    }
}
