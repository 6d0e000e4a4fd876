package io.tenfold.tenant.registry;

/**
 * What a write does to a stored secret (a user's password, a client's secret): an absent element keeps it,
 * {@code null} removes it, a value replaces it. The plain value lives only until it is hashed
 * ({@link SecretHasher}) and is never shown by {@link #toString()}.
 */
public final class Secret {

    private enum Action {
        KEEP, CLEAR, SET
    }

    private static final Secret KEEP = new Secret(Action.KEEP, null, null);
    private static final Secret CLEAR = new Secret(Action.CLEAR, null, null);

    private final Action action;
    private final String plain;
    private final String hash;

    private Secret(Action action, String plain, String hash) {
        this.action = action;
        this.plain = plain;
        this.hash = hash;
    }

    /**
     * A write-only element ({@code password}, {@code secret}): absent keeps the stored value, {@code null} removes
     * it, a string of {@code min} to {@code max} characters replaces it.
     */
    public static Secret read(Element element, String name, int min, int max) {
        if (element.isExplicitNull()) {
            return CLEAR;
        }
        if (!element.isPresent()) {
            return KEEP;
        }
        return plain(value(element, name, min, max));
    }

    /**
     * The plain value of a write-only element that must be there: {@code <name>-missing}, {@code <name>-invalid}
     * (not a string) or {@code <name>-weak} (too short or long). The value is never echoed.
     */
    public static String value(Element element, String name, int min, int max) {
        if (!element.isPresent()) {
            throw element.invalid(name + "-missing", element.path() + " is required");
        }
        if (!element.node().isTextual()) {
            throw element.invalid(name + "-invalid", element.path() + " must be a string");
        }
        String value = element.node().asText();
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            throw element.invalid(name + "-weak", element.path() + " must be " + min + " to " + max
                    + " characters long");
        }
        return value;
    }

    public static Secret keep() {
        return KEEP;
    }

    public static Secret clear() {
        return CLEAR;
    }

    public static Secret plain(String value) {
        return new Secret(Action.SET, value, null);
    }

    static Secret hashed(String hash) {
        return new Secret(Action.SET, null, hash);
    }

    /** The plain value still to be hashed, or null. */
    String plain() {
        return plain;
    }

    /** The stored hash after this write, given the stored one before it. */
    public String apply(String current) {
        return switch (action) {
            case KEEP -> current;
            case CLEAR -> null;
            case SET -> {
                if (hash == null) {
                    throw new IllegalStateException("secret not hashed yet");
                }
                yield hash;
            }
        };
    }

    /** Whether there will be a secret after this write, given whether there is one now. */
    public boolean present(boolean now) {
        return action == Action.SET || action == Action.KEEP && now;
    }

    @Override
    public String toString() {
        return "Secret[" + action + "]";
    }
}
