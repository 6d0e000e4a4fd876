package io.tenfold.bulk.export;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What operators watch of exports on {@code /q/metrics}: runs by how they ended
 * ({@code tenfold_bulk_exports_total{outcome=completed|failed|stopped}}), resources written
 * ({@code tenfold_bulk_resources_exported_total}) and how long completed runs took
 * ({@code tenfold_bulk_export_seconds}).
 */
@ApplicationScoped
public class ExportMetrics {

    private final Counter completed;
    private final Counter failed;
    private final Counter stopped;
    private final Counter resources;
    private final Timer duration;

    public ExportMetrics(MeterRegistry metrics) {
        completed = runs(metrics, "completed");
        failed = runs(metrics, "failed");
        stopped = runs(metrics, "stopped");
        resources = Counter.builder("tenfold.bulk.resources.exported").description("Resources written to export files")
                .register(metrics);
        duration = Timer.builder("tenfold.bulk.export").description("Time from claim to completed export")
                .register(metrics);
    }

    private static Counter runs(MeterRegistry metrics, String outcome) {
        return Counter.builder("tenfold.bulk.exports").description("Export runs by how they ended")
                .tag("outcome", outcome).register(metrics);
    }

    void completed(Duration took) {
        completed.increment();
        duration.record(took);
    }

    void failed() {
        failed.increment();
    }

    /** A run that ended because its job was deleted or taken over. */
    void stopped() {
        stopped.increment();
    }

    void exported(long count) {
        resources.increment(count);
    }
}
