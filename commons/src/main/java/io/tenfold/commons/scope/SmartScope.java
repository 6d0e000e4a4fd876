package io.tenfold.commons.scope;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART clinical scope: {@code patient/Observation.read} (v1) or {@code patient/Observation.rs?category=
 * http://terminology.hl7.org/CodeSystem/observation-category|laboratory} (v2). {@code resource} is a resource
 * type or {@code *}; {@code query} is the v2 restriction, empty when there is none.
 */
public record SmartScope(Context context, String resource, Set<Interaction> interactions, String query,
        boolean v2) {

    /** Whose data: the patient in context, what the user may see, or the whole system (backend services). */
    public enum Context {
        PATIENT("patient"), USER("user"), SYSTEM("system");

        private final String prefix;

        Context(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    /** SMART v2's interactions, in the order their letters are written. */
    public enum Interaction {
        CREATE('c'), READ('r'), UPDATE('u'), DELETE('d'), SEARCH('s');

        private final char letter;

        Interaction(char letter) {
            this.letter = letter;
        }

        public char letter() {
            return letter;
        }
    }

    private static final Pattern SYNTAX = Pattern.compile(
            "(patient|user|system)/([A-Z][A-Za-z]{0,63}|\\*)\\.(read|write|\\*|c?r?u?d?s?)(\\?[^\\s]+)?");
    static final Set<Interaction> READ = EnumSet.of(Interaction.READ, Interaction.SEARCH);
    static final Set<Interaction> WRITE = EnumSet.of(Interaction.CREATE, Interaction.UPDATE, Interaction.DELETE);

    public SmartScope {
        interactions = interactions.isEmpty() ? EnumSet.noneOf(Interaction.class) : EnumSet.copyOf(interactions);
        query = query == null ? "" : query;
    }

    /** Parses a clinical scope; anything else (openid, launch, malformed) is empty. */
    public static Optional<SmartScope> parse(String scope) {
        Matcher m = SYNTAX.matcher(scope);
        if (!m.matches()) {
            return Optional.empty();
        }
        Context context = Context.valueOf(m.group(1).toUpperCase(Locale.ROOT));
        String access = m.group(3);
        String query = m.group(4) == null ? "" : m.group(4).substring(1);
        Set<Interaction> interactions;
        boolean v2;
        switch (access) {
            case "read" -> {
                interactions = READ;
                v2 = false;
            }
            case "write" -> {
                interactions = WRITE;
                v2 = false;
            }
            case "*" -> {
                interactions = EnumSet.allOf(Interaction.class);
                v2 = false;
            }
            default -> {
                if (access.isEmpty()) {
                    return Optional.empty();
                }
                interactions = EnumSet.noneOf(Interaction.class);
                for (char c : access.toCharArray()) {
                    for (Interaction i : Interaction.values()) {
                        if (i.letter() == c) {
                            interactions.add(i);
                        }
                    }
                }
                v2 = true;
            }
        }
        if (!query.isEmpty() && !v2) {
            return Optional.empty(); // restrictions exist only in v2
        }
        return Optional.of(new SmartScope(context, m.group(2), interactions, query, v2));
    }

    /** The scope as a string, in v1 form when it was asked in v1 and still fits v1's shapes. */
    public String format() {
        StringBuilder out = new StringBuilder(context.prefix()).append('/').append(resource).append('.');
        if (!v2 && query.isEmpty() && interactions.equals(READ)) {
            out.append("read");
        } else if (!v2 && query.isEmpty() && interactions.equals(WRITE)) {
            out.append("write");
        } else if (!v2 && query.isEmpty() && interactions.size() == Interaction.values().length) {
            out.append('*');
        } else {
            for (Interaction i : Interaction.values()) {
                if (interactions.contains(i)) {
                    out.append(i.letter());
                }
            }
        }
        if (!query.isEmpty()) {
            out.append('?').append(query);
        }
        return out.toString();
    }

    /**
     * What of this (requested) scope another (allowed) scope permits: the common interactions, on the narrower
     * of the two resources, under whichever restriction applies; empty when nothing is common.
     */
    public Optional<SmartScope> within(SmartScope allowed) {
        if (allowed.context != context) {
            return Optional.empty();
        }
        String narrower;
        if (allowed.resource.equals("*") || allowed.resource.equals(resource)) {
            narrower = resource;
        } else if (resource.equals("*")) {
            narrower = allowed.resource;
        } else {
            return Optional.empty();
        }
        Set<Interaction> common = EnumSet.noneOf(Interaction.class);
        common.addAll(interactions);
        common.retainAll(allowed.interactions);
        if (common.isEmpty()) {
            return Optional.empty();
        }
        String restriction;
        if (allowed.query.isEmpty()) {
            restriction = query;
        } else if (query.isEmpty() || query.equals(allowed.query)) {
            restriction = allowed.query;
        } else {
            return Optional.empty(); // two different restrictions cannot be combined safely
        }
        boolean version2 = v2 || !restriction.isEmpty()
                || !(common.equals(READ) || common.equals(WRITE) || common.size() == Interaction.values().length);
        return Optional.of(new SmartScope(context, narrower, common, restriction, version2));
    }
}
