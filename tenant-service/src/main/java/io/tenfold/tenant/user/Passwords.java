package io.tenfold.tenant.user;

import io.tenfold.tenant.registry.Element;
import io.tenfold.tenant.registry.Secret;

/** The rule for passwords: 8 to 256 characters. They are stored only as argon2id hashes. */
public final class Passwords {

    public static final int MIN = 8;
    public static final int MAX = 256;

    private Passwords() {
    }

    /** A password element of a write: absent keeps the stored one, {@code null} removes it. */
    public static Secret read(Element element) {
        return Secret.read(element, "password", MIN, MAX);
    }

    /** A password that must be there and be acceptable; never echoed in a message. */
    public static String required(Element element) {
        return Secret.value(element, "password", MIN, MAX);
    }
}
