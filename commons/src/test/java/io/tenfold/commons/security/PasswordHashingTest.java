package io.tenfold.commons.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashingTest {

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = PasswordHashing.hash("correct horse battery staple");
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
        assertTrue(PasswordHashing.verify("correct horse battery staple", hash));
        assertFalse(PasswordHashing.verify("correct horse battery stapl", hash));
        assertFalse(PasswordHashing.verify("", hash));
    }

    @Test
    void saltsEveryHash() {
        assertNotEquals(PasswordHashing.hash("same"), PasswordHashing.hash("same"));
    }

    @Test
    void malformedHashesNeverVerify() {
        assertFalse(PasswordHashing.verify("x", null));
        assertFalse(PasswordHashing.verify("x", "plain-text"));
        assertFalse(PasswordHashing.verify("x", "$argon2i$v=19$m=19456,t=2,p=1$AAAA$AAAA"));
        assertFalse(PasswordHashing.verify("x", "$argon2id$v=19$m=99999999,t=2,p=1$AAAA$AAAA"));
        assertFalse(PasswordHashing.verify("x", "$argon2id$v=19$m=19456,t=2,p=1$!!!$AAAA"));
    }
}
