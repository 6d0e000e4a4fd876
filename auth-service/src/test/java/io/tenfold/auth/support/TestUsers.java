package io.tenfold.auth.support;

import java.util.List;
import java.util.UUID;

import io.tenfold.commons.event.UserState;
import io.tenfold.commons.security.PasswordHashing;

/** Users of the kinds the tests need, with argon2id password hashes as tenant-service would publish them. */
public final class TestUsers {

    public static final String PASSWORD = "correct horse battery staple";
    private static final String HASH = PasswordHashing.hash(PASSWORD);

    private TestUsers() {
    }

    public static UserState patient(String tenant, String patientId) {
        String id = "user-" + UUID.randomUUID().toString().substring(0, 8);
        return new UserState(id, tenant, id + "@example.org", HASH, true, List.of("patient"),
                new UserState.FhirUser("Patient", patientId), "Pat", "Ient", 1);
    }

    public static UserState provider(String tenant, String practitionerId) {
        String id = "user-" + UUID.randomUUID().toString().substring(0, 8);
        return new UserState(id, tenant, id + "@example.org", HASH, true, List.of("provider"),
                new UserState.FhirUser("Practitioner", practitionerId), "Pro", "Vider", 1);
    }

    public static UserState deactivated(UserState u) {
        return new UserState(u.id(), u.tenantId(), u.email(), u.passwordHash(), false, u.roles(), u.fhirUser(),
                u.givenName(), u.familyName(), u.version() + 1);
    }
}
