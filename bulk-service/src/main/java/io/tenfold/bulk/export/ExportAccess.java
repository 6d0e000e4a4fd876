package io.tenfold.bulk.export;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.error.ForbiddenOperationException;
import io.tenfold.commons.event.AccessPolicyState;
import io.tenfold.commons.scope.SmartScope;
import io.tenfold.commons.security.smart.AccessPolicies;
import io.tenfold.commons.security.smart.SmartAccess;

/**
 * What a backend service may export: a type needs a tenant-wide read scope ({@code system/} or {@code user/},
 * v1 {@code .read} or v2 {@code .r}, the type or {@code *}) without a {@code ?} restriction (an export carries
 * whole types), and the tenant's access policies must allow its client to {@code export} the type (a
 * {@code Deny} rule wins). {@code patient/} scopes open no export.
 */
@ApplicationScoped
public class ExportAccess {

    static final String EXPORT = "export";

    private final AccessPolicies policies;

    public ExportAccess(AccessPolicies policies) {
        this.policies = policies;
    }

    /** The types of {@code requested} the client may export, or a 403 naming the first it may not. */
    public Uni<List<String>> requireAll(SmartAccess access, List<String> requested) {
        return policies.of(access.tenant().value()).map(list -> {
            for (String type : requested) {
                if (!readableByScopes(access, type)) {
                    throw new ForbiddenOperationException("scope-missing", "The access token has no scope to "
                            + "export " + type + " (e.g. system/" + type + ".rs or system/" + type + ".read)");
                }
                if (!allowedByPolicies(list, access, type)) {
                    throw new ForbiddenOperationException("access-policy-denied", "The tenant's access policies "
                            + "do not allow this client to export " + type);
                }
            }
            return requested;
        });
    }

    /** The types of {@code candidates} the client may export (the others are left out, as the spec asks). */
    public Uni<List<String>> permitted(SmartAccess access, List<String> candidates) {
        return policies.of(access.tenant().value()).map(list -> {
            List<String> permitted = new ArrayList<>();
            for (String type : candidates) {
                if (readableByScopes(access, type) && allowedByPolicies(list, access, type)) {
                    permitted.add(type);
                }
            }
            return permitted;
        });
    }

    /** Whether the policies still let the client export {@code type} (checked again on every file download). */
    public Uni<Boolean> stillAllowed(SmartAccess access, String type) {
        return policies.allows(access.tenant().value(), access.clientId(), access.subject(), type, EXPORT)
                .map(allowed -> allowed && readableByScopes(access, type));
    }

    /** A tenant-wide read of {@code type} by the token's scopes. */
    static boolean readableByScopes(SmartAccess access, String type) {
        for (SmartScope scope : access.clinical()) {
            if (scope.context() != SmartScope.Context.PATIENT
                    && (scope.resource().equals("*") || scope.resource().equals(type))
                    && scope.interactions().contains(SmartScope.Interaction.READ) && scope.query().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static boolean allowedByPolicies(List<AccessPolicyState> list, SmartAccess access, String type) {
        return AccessPolicies.decide(list, access.clientId(), access.subject(), type, EXPORT);
    }
}
