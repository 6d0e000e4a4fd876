package io.tenfold.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A suite's {@code --name value} options. Every option takes a value; an option the suite does not know, a
 * repeated one, one without a value or a value of the wrong kind is a {@link UsageException}.
 */
final class Options {

    /** Wrong command line: the bench prints the message and exits with 2. */
    static final class UsageException extends RuntimeException {

        UsageException(String message) {
            super(message);
        }
    }

    private final String suite;
    private final Map<String, String> values;

    private Options(String suite, Map<String, String> values) {
        this.suite = suite;
        this.values = values;
    }

    /** Parses {@code args[1..]} (after the suite's name), accepting only {@code known} option names. */
    static Options parse(String suite, String[] args, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "' (options are --name value)");
            }
            String name = arg.substring(2);
            String inline = null;
            int equals = name.indexOf('=');
            if (equals > 0) {
                inline = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (!known.contains(name)) {
                throw new UsageException("unknown option --" + name + " for " + suite + " (it takes "
                        + String.join(", ", known.stream().sorted().map(o -> "--" + o).toList()) + ")");
            }
            String value = inline;
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            if (values.put(name, value) != null) {
                throw new UsageException("--" + name + " is given twice");
            }
        }
        return new Options(suite, values);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new UsageException("--" + name + " is required for " + suite);
        }
        return value;
    }

    /** A whole number of at least {@code min}. */
    int integer(String name, int fallback, int min) {
        return values.containsKey(name) ? parse(name, values.get(name), min) : fallback;
    }

    /** A required whole number of at least {@code min}. */
    int integer(String name, int min) {
        return parse(name, required(name), min);
    }

    /** A comma-separated list of whole numbers, each at least 1. */
    List<Integer> integers(String name, String fallback) {
        List<Integer> out = new ArrayList<>();
        for (String n : get(name, fallback).split(",", -1)) {
            out.add(parse(name, n.trim(), 1));
        }
        return out;
    }

    Duration seconds(String name, int fallback, int min) {
        return Duration.ofSeconds(integer(name, fallback, min));
    }

    /** A comma-separated subset of {@code allowed}, in the given order; all of them by default. */
    List<String> subset(String name, List<String> allowed) {
        if (!values.containsKey(name)) {
            return allowed;
        }
        Set<String> chosen = new HashSet<>();
        for (String item : values.get(name).split(",", -1)) {
            if (!allowed.contains(item.trim())) {
                throw new UsageException("--" + name + ": unknown '" + item.trim() + "' (choose from "
                        + String.join(", ", allowed) + ")");
            }
            chosen.add(item.trim());
        }
        return allowed.stream().filter(chosen::contains).toList();
    }

    /** Refuses {@code name} if it is given; {@code why} completes "--name …". */
    void refuse(String name, String why) {
        if (values.containsKey(name)) {
            throw new UsageException("--" + name + " " + why);
        }
    }

    private static int parse(String name, String value, int min) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " takes a whole number, not '" + value + "'");
        }
        if (n < min) {
            throw new UsageException("--" + name + " must be at least " + min + " (got " + n + ")");
        }
        return n;
    }
}
