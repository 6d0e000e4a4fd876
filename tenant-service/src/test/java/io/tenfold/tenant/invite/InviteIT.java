package io.tenfold.tenant.invite;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application (the native executable with -Pnative). */
@QuarkusIntegrationTest
class InviteIT extends InviteTest {
}
