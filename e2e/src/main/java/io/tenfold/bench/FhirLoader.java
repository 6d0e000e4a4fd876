package io.tenfold.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Writes many resources through transaction Bundles of {@code batch} entries, {@code parallel} Bundles in
 * flight; a Bundle that fails is tried twice more (a second apart), then the load fails.
 */
final class FhirLoader {

    private static final int ATTEMPTS = 3;
    private static final Duration AT_MOST = Duration.ofDays(1);

    private final FhirClient fhir;
    private final int batch;
    private final int parallel;
    private final AtomicLong written = new AtomicLong();

    FhirLoader(FhirClient fhir, int batch, int parallel) {
        this.fhir = fhir;
        this.batch = batch;
        this.parallel = parallel;
    }

    /** How many resources the load has written so far. */
    long written() {
        return written.get();
    }

    /** Creates {@code count} Patients whose family names start with {@code family}; yields their ids in order. */
    List<String> patients(int count, String family) throws Exception {
        String[] ids = new String[count];
        Http.await(load(count, i -> FhirResources.patient(family + "-" + i, ThreadLocalRandom.current()),
                (first, entries) -> {
                    for (int j = 0; j < entries.size(); j++) {
                        JsonObject entry = entries.getJsonObject(j);
                        String id = FhirClient.idIn(entry.getJsonObject("response").getString("location"), "Patient");
                        if (id == null && entry.getJsonObject("resource") != null) {
                            id = entry.getJsonObject("resource").getString("id");
                        }
                        if (id == null) {
                            throw new IllegalStateException("a transaction-response entry of a created Patient "
                                    + "has neither response.location nor resource.id: " + entry.encode());
                        }
                        ids[first + j] = id;
                    }
                }), AT_MOST);
        return List.of(ids);
    }

    /** Creates {@code count} resources, the i-th being {@code resource.apply(i)}. */
    void resources(int count, IntFunction<JsonObject> resource) throws Exception {
        Http.await(load(count, resource, (first, entries) -> {
        }), AT_MOST);
    }

    /** What to do with the entries of a transaction-response, the first of which answers resource {@code first}. */
    private interface Created {

        void accept(int first, JsonArray entries);
    }

    private Future<Void> load(int count, IntFunction<JsonObject> resource, Created created) {
        int bundles = (count + batch - 1) / batch;
        return Parallel.forEach(bundles, parallel, b -> {
            int first = b * batch;
            int size = Math.min(batch, count - first);
            List<JsonObject> resources = new ArrayList<>(size);
            for (int i = first; i < first + size; i++) {
                resources.add(resource.apply(i));
            }
            Random random = ThreadLocalRandom.current();
            JsonObject bundle = FhirResources.transaction(resources, random);
            return Parallel.retry(fhir.http().vertx(), ATTEMPTS, 1000, () -> fhir.bundle(bundle)
                    .compose(reply -> FhirClient.transactionEntries(reply, size))
                    .map(entries -> {
                        created.accept(first, entries);
                        written.addAndGet(size);
                        return null;
                    }));
        });
    }
}
