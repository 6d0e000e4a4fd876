package io.tenfold.commons.event;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Payload of {@code bulk.export-requested.v1} events on {@link Topics#BULK_EXPORT_REQUESTED}, keyed by tenant: an
 * export job was accepted and waits for a bulk worker. The job itself (what to export, for whom) stays in
 * bulk-service's database.
 */
@RegisterForReflection
public record ExportRequested(String jobId) {

    public static final String TYPE = "bulk.export-requested.v1";
}
