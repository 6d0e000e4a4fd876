package io.tenfold.fhir.search;

import java.util.ArrayList;
import java.util.List;

/** Text operations on FHIRPath expressions that composites need: top-level {@code |} branches and path prefixes. */
final class FhirPathBranches {

    private FhirPathBranches() {
    }

    /** The top-level branches of {@code expression} ({@code |} outside parentheses and strings), trimmed. */
    static List<String> of(String expression) {
        List<String> branches = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == '|') {
                branches.add(expression.substring(start, i).trim());
                start = i + 1;
            }
        }
        branches.add(expression.substring(start).trim());
        branches.removeIf(String::isEmpty);
        return branches;
    }

    /** The longest of {@code bases} that {@code branch} continues (after an opening parenthesis), or null. */
    static String longestPrefix(String branch, List<String> bases) {
        String longest = null;
        for (String base : bases) {
            if (continues(branch, base) && (longest == null || base.length() > longest.length())) {
                longest = base;
            }
        }
        return longest;
    }

    /** {@code (Observation.value as Quantity)} relative to {@code Observation}: {@code (value as Quantity)}. */
    static String relativeTo(String branch, String base) {
        return branch.startsWith("(") ? "(" + branch.substring(base.length() + 2) : branch.substring(base.length() + 1);
    }

    private static boolean continues(String branch, String base) {
        return branch.startsWith(base + ".") || branch.startsWith("(" + base + ".");
    }
}
