package io.tenfold.commons.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.tenfold.commons.error.InvalidRequestException;

class TenantIdTest {

    @ParameterizedTest
    @ValueSource(strings = { "my-clinic", "a1", "0-clinic", "abc-def-123" })
    void acceptsWellFormedIds(String id) {
        assertTrue(TenantId.isValid(id));
        assertEquals(id, TenantId.parse(id).value());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "a", "-clinic", "My-Clinic", "clinic_1", "clinic/1", "../etc", "clinic 1",
            "_global", "*", "clinic%2F" })
    void refusesMalformedIds(String id) {
        assertFalse(TenantId.isValid(id));
        assertThrows(InvalidRequestException.class, () -> TenantId.parse(id));
    }

    @Test
    void refusesIdsLongerThan63Characters() {
        assertTrue(TenantId.isValid("a".repeat(63)));
        assertFalse(TenantId.isValid("a".repeat(64)));
    }

    @Test
    void globalKeyIsNoTenantId() {
        assertFalse(TenantId.isValid(TenantId.GLOBAL));
    }
}
