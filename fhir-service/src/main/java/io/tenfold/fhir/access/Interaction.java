package io.tenfold.fhir.access;

import io.tenfold.commons.scope.SmartScope;

/** What a request does to a resource type, and the SMART v2 letter and access-policy action it needs. */
public enum Interaction {
    READ(SmartScope.Interaction.READ, "read"),
    SEARCH(SmartScope.Interaction.SEARCH, "search"),
    CREATE(SmartScope.Interaction.CREATE, "create"),
    UPDATE(SmartScope.Interaction.UPDATE, "update"),
    DELETE(SmartScope.Interaction.DELETE, "delete");

    private final SmartScope.Interaction scope;
    private final String policyAction;

    Interaction(SmartScope.Interaction scope, String policyAction) {
        this.scope = scope;
        this.policyAction = policyAction;
    }

    public SmartScope.Interaction scope() {
        return scope;
    }

    public String policyAction() {
        return policyAction;
    }
}
