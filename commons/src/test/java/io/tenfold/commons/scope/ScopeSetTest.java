package io.tenfold.commons.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeSetTest {

    @ParameterizedTest
    @ValueSource(strings = { "patient/Observation.read", "patient/Observation.rs", "user/*.cruds", "system/*.read",
            "patient/*.*", "user/Patient.write", "patient/Observation.rs?category=http://x|laboratory",
            "patient/Condition.s" })
    void parsesSmartScopesV1AndV2(String scope) {
        assertTrue(SmartScope.parse(scope).isPresent(), scope);
    }

    @ParameterizedTest
    @ValueSource(strings = { "patient/Observation", "patient/observation.read", "admin/*.read", "patient/*.sr",
            "patient/*.x", "patient/Observation.read?category=a", "patient/.read", "openid", "", "user/*.rr" })
    void refusesWhatIsNoClinicalScope(String scope) {
        assertTrue(SmartScope.parse(scope).isEmpty(), scope);
    }

    @Test
    void v1AndV2MeanTheSameInteractions() {
        assertEquals(SmartScope.parse("patient/Observation.rs").get().interactions(),
                SmartScope.parse("patient/Observation.read").get().interactions());
        assertEquals(SmartScope.parse("patient/*.cud").get().interactions(),
                SmartScope.parse("patient/*.write").get().interactions());
    }

    @Test
    void grantIsTheRequestCutDownToTheClientsMaximum() {
        ScopeSet requested = ScopeSet.parse("openid fhirUser launch/patient patient/*.cruds offline_access");
        ScopeSet max = ScopeSet.parse("openid fhirUser launch/patient patient/*.rs");
        assertEquals(Set.of("openid", "fhirUser", "launch/patient", "patient/*.rs"),
                requested.within(max).values());
    }

    @Test
    void v1RequestsStayV1WhenTheyStillFit() {
        assertEquals("patient/Observation.read",
                ScopeSet.parse("patient/Observation.read").within(ScopeSet.parse("patient/*.*")).toString());
        assertEquals("patient/Observation.read",
                ScopeSet.parse("patient/Observation.*").within(ScopeSet.parse("patient/*.rs")).toString());
        assertEquals("patient/Observation.rs",
                ScopeSet.parse("patient/Observation.cruds").within(ScopeSet.parse("patient/*.rs")).toString());
    }

    @Test
    void restrictionsOfTheMaximumCarryOver() {
        ScopeSet granted = ScopeSet.parse("patient/Observation.rs")
                .within(ScopeSet.parse("patient/Observation.rs?category=laboratory"));
        assertEquals("patient/Observation.rs?category=laboratory", granted.toString());
        assertTrue(ScopeSet.parse("patient/Observation.rs?category=vital-signs")
                .within(ScopeSet.parse("patient/Observation.rs?category=laboratory")).isEmpty());
    }

    @Test
    void aWildcardRequestNarrowsToTheResourcesAllowed() {
        assertEquals(Set.of("patient/Observation.rs", "patient/Patient.r"), ScopeSet.parse("patient/*.cruds")
                .within(ScopeSet.parse("patient/Observation.rs patient/Patient.r")).values());
        assertTrue(ScopeSet.parse("patient/Condition.rs").within(ScopeSet.parse("patient/Observation.rs")).isEmpty());
    }

    @Test
    void contextsDoNotCoverEachOther() {
        assertTrue(ScopeSet.parse("user/*.rs").within(ScopeSet.parse("patient/*.rs")).isEmpty());
        assertTrue(ScopeSet.parse("system/*.rs").within(ScopeSet.parse("user/*.cruds")).isEmpty());
    }

    @Test
    void aRefreshMayNarrowButNeverWiden() {
        ScopeSet original = ScopeSet.parse("openid patient/Observation.rs patient/Patient.r");
        assertTrue(ScopeSet.parse("patient/Observation.r").isCoveredBy(original));
        assertTrue(ScopeSet.parse("patient/Observation.read").isCoveredBy(original));
        assertFalse(ScopeSet.parse("patient/Observation.rs patient/Condition.rs").isCoveredBy(original));
        assertFalse(ScopeSet.parse("patient/Patient.rs").isCoveredBy(original));
        assertFalse(ScopeSet.parse("offline_access").isCoveredBy(original));
    }

    @Test
    void unknownScopesAreNamed() {
        assertEquals(List.of("email", "admin"), ScopeSet.parse("openid email admin").unknown());
    }
}
