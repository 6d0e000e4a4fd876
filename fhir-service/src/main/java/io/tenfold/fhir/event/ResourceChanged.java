package io.tenfold.fhir.event;

import java.time.Instant;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Payload of {@code fhir.resource-changed.v1} on {@code tenfold.fhir.resource-changed.v1}, one per written
 * version, keyed {@code {tenant}/{type}/{id}} (so one resource's events stay in order). {@code action} is
 * {@code create}, {@code update} or {@code delete}; {@code patients} the Patient compartments the version is in,
 * so consumers can confine what they forward.
 */
@RegisterForReflection
public record ResourceChanged(String resourceType, String id, int versionId, String action, Instant lastUpdated,
        List<String> patients) {

    public static final String TYPE = "fhir.resource-changed.v1";
}
