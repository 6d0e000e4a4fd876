package io.tenfold.commons.scope;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A space-separated set of scopes, and the grant arithmetic on it: what is granted is what was requested, cut
 * down to what every bound allows (the client's registered maximum, the user's approval, the audience).
 */
public final class ScopeSet {

    /** Scopes that are not about clinical data; granted when asked for and allowed. */
    public static final Set<String> SPECIAL = Set.of("openid", "fhirUser", "profile", "launch", "launch/patient",
            "launch/encounter", "offline_access", "online_access");

    private final Set<String> scopes;

    private ScopeSet(Set<String> scopes) {
        this.scopes = scopes;
    }

    public static ScopeSet parse(String value) {
        Set<String> scopes = new LinkedHashSet<>();
        if (value != null) {
            Arrays.stream(value.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(scopes::add);
        }
        return new ScopeSet(scopes);
    }

    public static ScopeSet of(Set<String> scopes) {
        return new ScopeSet(new LinkedHashSet<>(scopes));
    }

    public boolean isEmpty() {
        return scopes.isEmpty();
    }

    public boolean contains(String scope) {
        return scopes.contains(scope);
    }

    /** The scopes, in the order they were asked for. */
    public Set<String> values() {
        return Collections.unmodifiableSet(scopes);
    }

    /** The clinical scopes of the set. */
    public List<SmartScope> clinical() {
        List<SmartScope> out = new ArrayList<>();
        for (String scope : scopes) {
            SmartScope.parse(scope).ifPresent(out::add);
        }
        return out;
    }

    /** Scopes that are neither clinical nor special: not ours to grant. */
    public List<String> unknown() {
        return scopes.stream().filter(s -> !SPECIAL.contains(s) && SmartScope.parse(s).isEmpty()).toList();
    }

    /**
     * This (requested) set cut down to what {@code allowed} permits: special scopes it contains, and for each
     * clinical scope the widest part some allowed scope covers. Unknown scopes are dropped.
     */
    public ScopeSet within(ScopeSet allowed) {
        Set<String> out = new LinkedHashSet<>();
        for (String scope : scopes) {
            if (SPECIAL.contains(scope)) {
                if (allowed.contains(scope)) {
                    out.add(scope);
                }
                continue;
            }
            Optional<SmartScope> requested = SmartScope.parse(scope);
            if (requested.isEmpty()) {
                continue;
            }
            for (SmartScope bound : allowed.clinical()) {
                requested.get().within(bound).ifPresent(part -> out.add(part.format()));
            }
        }
        return new ScopeSet(out);
    }

    /** Only the clinical scopes of the given contexts (and all special scopes). */
    public ScopeSet onlyContexts(Set<SmartScope.Context> contexts) {
        Set<String> out = new LinkedHashSet<>();
        for (String scope : scopes) {
            Optional<SmartScope> clinical = SmartScope.parse(scope);
            if (clinical.isEmpty() ? SPECIAL.contains(scope) : contexts.contains(clinical.get().context())) {
                out.add(scope);
            }
        }
        return new ScopeSet(out);
    }

    /** Only the clinical scopes of the given contexts: no special scopes. */
    public ScopeSet clinicalOnly(Set<SmartScope.Context> contexts) {
        Set<String> out = new LinkedHashSet<>();
        for (SmartScope scope : clinical()) {
            if (contexts.contains(scope.context())) {
                out.add(scope.format());
            }
        }
        return new ScopeSet(out);
    }

    /** Whether every scope of this set is covered by {@code wider} (a refresh may narrow, never widen). */
    public boolean isCoveredBy(ScopeSet wider) {
        ScopeSet cut = within(wider);
        for (String scope : scopes) {
            if (!cut.contains(scope)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return String.join(" ", scopes);
    }
}
