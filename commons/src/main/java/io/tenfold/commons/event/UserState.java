package io.tenfold.commons.event;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Payload of {@code user.state.v1} on {@link Topics#USERS}: what the authorization servers need to know of a
 * user. {@code tenantId} is {@link io.tenfold.commons.tenant.TenantId#GLOBAL} for operators. The password travels
 * only as its argon2id hash (PHC string), never in the clear; null when the user has none yet (invited).
 */
@RegisterForReflection
public record UserState(String id, String tenantId, String email, String passwordHash, boolean active,
        List<String> roles, FhirUser fhirUser, String givenName, String familyName, long version) {

    public static final String TYPE = "user.state.v1";

    /** The FHIR resource that is the user: {@code Patient/pt-1} or {@code Practitioner/pr-1}. */
    @RegisterForReflection
    public record FhirUser(String resourceType, String id) {

        public String reference() {
            return resourceType + "/" + id;
        }
    }

    public boolean hasRole(String role) {
        return roles != null && roles.contains(role);
    }
}
