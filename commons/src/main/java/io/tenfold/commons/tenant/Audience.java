package io.tenfold.commons.tenant;

import java.util.Optional;

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

    public static Optional<Audience> fromSegment(String segment) {
        for (Audience audience : values()) {
            if (audience.segment.equals(segment)) {
                return Optional.of(audience);
            }
        }
        return Optional.empty();
    }
}
