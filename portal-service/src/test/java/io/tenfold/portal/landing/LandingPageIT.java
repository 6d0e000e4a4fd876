package io.tenfold.portal.landing;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application (the native executable with -Pnative). */
@QuarkusIntegrationTest
class LandingPageIT extends LandingPageTest {
}
