package io.tenfold.auth.consent;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.tenfold.commons.scope.SmartScope;

/** What a scope lets an app do, in words a patient understands. */
public final class ScopeWords {

    private static final Map<String, String> SPECIAL = Map.of(
            "openid", "Know that it is you who signed in",
            "fhirUser", "Know which record in this clinic is yours",
            "profile", "See your name",
            "launch", "Open with what you were looking at in the clinic's system",
            "launch/patient", "Know which patient's record it works with",
            "launch/encounter", "Know which visit it works with",
            "offline_access", "Keep its access when you are not using it, until you withdraw it",
            "online_access", "Keep its access while you are signed in");

    private ScopeWords() {
    }

    public static String describe(String scope) {
        String special = SPECIAL.get(scope);
        if (special != null) {
            return special;
        }
        Optional<SmartScope> clinical = SmartScope.parse(scope);
        if (clinical.isEmpty()) {
            return scope;
        }
        SmartScope s = clinical.get();
        StringBuilder verbs = new StringBuilder();
        append(verbs, s.interactions().contains(SmartScope.Interaction.READ), "read");
        append(verbs, s.interactions().contains(SmartScope.Interaction.SEARCH), "search");
        append(verbs, s.interactions().contains(SmartScope.Interaction.CREATE), "add");
        append(verbs, s.interactions().contains(SmartScope.Interaction.UPDATE), "change");
        append(verbs, s.interactions().contains(SmartScope.Interaction.DELETE), "delete");
        String what = s.resource().equals("*") ? "all health records" : plural(s.resource());
        String whose = switch (s.context()) {
            case PATIENT -> "of the patient";
            case USER -> "you can see";
            case SYSTEM -> "of everyone";
        };
        String restricted = s.query().isEmpty() ? "" : " (only " + s.query() + ")";
        String sentence = verbs + " " + what + " " + whose + restricted;
        return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }

    private static void append(StringBuilder verbs, boolean present, String verb) {
        if (present) {
            if (verbs.length() > 0) {
                verbs.append(", ");
            }
            verbs.append(verb);
        }
    }

    /** {@code AllergyIntolerance} → {@code allergy intolerances}. */
    private static String plural(String resource) {
        String words = resource.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        if (words.endsWith("y") && !words.endsWith("ey")) {
            return words.substring(0, words.length() - 1) + "ies";
        }
        return words.endsWith("s") ? words : words + "s";
    }
}
