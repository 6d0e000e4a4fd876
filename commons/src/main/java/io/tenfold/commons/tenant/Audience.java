package io.tenfold.commons.tenant;

import java.util.Optional;

import io.tenfold.commons.error.ResourceNotFoundException;

/** The two faces of a tenant: patient-facing and provider-facing apps, each with its own issuer and API. */
public enum Audience {
    PATIENT("patient"),
    PROVIDER("provider");

    private final String segment;

    Audience(String segment) {
        this.segment = segment;
    }

    /** The path segment, e.g. {@code patient} in {@code /tenant/t/patient/auth}. */
    public String segment() {
        return segment;
    }

    /** The audience of a path segment; any other segment is a route that does not exist. */
    public static Audience ofPath(String segment) {
        return fromSegment(segment).orElseThrow(
                () -> new ResourceNotFoundException("route-unknown", "No such resource or route"));
    }

    public static Optional<Audience> fromSegment(String segment) {
        for (Audience audience : values()) {
            if (audience.segment.equals(segment)) {
                return Optional.of(audience);
            }
        }
        return Optional.empty();
    }
}
