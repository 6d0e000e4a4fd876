package io.tenfold.fhir.access;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.error.ForbiddenOperationException;
import io.tenfold.commons.scope.SmartScope;
import io.tenfold.commons.security.smart.AccessPolicies;
import io.tenfold.commons.security.smart.SmartAccess;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.fhir.search.SearchParamRegistry;

/**
 * Decides what a token may do: its SMART scopes (v1 and v2, wildcards, {@code ?} restrictions) must allow the
 * interaction on the type, and the tenant's access policies must allow its client. {@code patient/} scopes
 * confine to the compartment of the token's patient; {@code user/} and {@code system/} scopes count only on the
 * provider API, where they open every patient of the tenant. Refusals are 403 OperationOutcomes.
 */
@ApplicationScoped
public class AccessGuard {

    private final AccessPolicies policies;
    private final SearchParamRegistry registry;

    public AccessGuard(AccessPolicies policies, SearchParamRegistry registry) {
        this.policies = policies;
        this.registry = registry;
    }

    /** The grant for {@code interaction} on {@code resourceType}, or a 403. */
    public Uni<Grant> require(SmartAccess access, Interaction interaction, String resourceType) {
        Grant grant = scopes(access, interaction, resourceType);
        return policies.allows(access.tenant().value(), access.clientId(), access.subject(), resourceType,
                interaction.policyAction()).map(allowed -> {
                    if (!allowed) {
                        throw new ForbiddenOperationException("access-policy-denied",
                                "The tenant's access policies do not allow this client to "
                                        + interaction.policyAction() + " " + resourceType);
                    }
                    return grant;
                });
    }

    /**
     * For a request that reaches several types (includes, chains, {@code _has}, {@code $everything}): a decision per
     * type by the scopes and the tenant's access policies, as {@link #require} makes it, without a lookup each.
     */
    public Uni<TypeGrants> typeGrants(SmartAccess access) {
        return policies.of(access.tenant().value()).map(list -> (interaction, type) -> {
            Grant grant = scopes(access, interaction, type);
            if (!AccessPolicies.decide(list, access.clientId(), access.subject(), type, interaction.policyAction())) {
                throw new ForbiddenOperationException("access-policy-denied", "The tenant's access policies do not "
                        + "allow this client to " + interaction.policyAction() + " " + type);
            }
            return grant;
        });
    }

    /** The grant for an interaction on a type, or a 403 ({@code ForbiddenOperationException}). */
    @FunctionalInterface
    public interface TypeGrants {
        Grant grant(Interaction interaction, String type);
    }

    /**
     * The grant the scopes give (no access-policy check: for the types a search reaches through chains and
     * includes, after {@link #require} admitted the search itself), or a 403. A {@code patient/} scope confines to
     * the patient's compartment only the types that have one (Patient, Observation, ...): resources outside every
     * patient's compartment (Practitioner, Organization, Medication, ...) are not any patient's data, and a
     * {@code patient/Practitioner.rs} scope reads them tenant-wide, as SMART apps showing who treated the patient
     * expect.
     */
    public Grant scopes(SmartAccess access, Interaction interaction, String resourceType) {
        Grant grant = byScopes(access, interaction, resourceType);
        if (grant.confined() && !resourceType.equals("*") && !resourceType.equals("Patient")
                && registry.patientCompartmentParams(resourceType).isEmpty()) {
            return new Grant(resourceType, null, grant.restrictions());
        }
        return grant;
    }

    /** The grant the scopes alone give, or a 403 naming the scope that is missing. */
    static Grant byScopes(SmartAccess access, Interaction interaction, String resourceType) {
        boolean patientWide = false;
        boolean tenantWide = false;
        List<String> tenantRestrictions = new ArrayList<>();
        List<String> patientRestrictions = new ArrayList<>();
        boolean patientUnrestricted = false;
        boolean tenantUnrestricted = false;
        for (SmartScope scope : access.clinical()) {
            if (!(scope.resource().equals("*") || scope.resource().equals(resourceType))
                    || !scope.interactions().contains(interaction.scope())) {
                continue;
            }
            boolean opensTenant = scope.context() != SmartScope.Context.PATIENT;
            if (opensTenant && access.audience() != Audience.PROVIDER) {
                continue;
            }
            if (!opensTenant && access.patient() == null) {
                continue;
            }
            if (opensTenant) {
                tenantWide = true;
                if (scope.query().isEmpty()) {
                    tenantUnrestricted = true;
                } else {
                    tenantRestrictions.add(scope.query());
                }
            } else {
                patientWide = true;
                if (scope.query().isEmpty()) {
                    patientUnrestricted = true;
                } else {
                    patientRestrictions.add(scope.query());
                }
            }
        }
        if (tenantWide) {
            return new Grant(resourceType, null, tenantUnrestricted ? List.of() : tenantRestrictions);
        }
        if (patientWide) {
            return new Grant(resourceType, access.patient(), patientUnrestricted ? List.of() : patientRestrictions);
        }
        throw new ForbiddenOperationException("scope-missing", "The access token has no scope that allows "
                + interaction.policyAction() + " on " + resourceType + " (e.g. "
                + (access.audience() == Audience.PROVIDER ? "user/" : "patient/") + resourceType + "."
                + interaction.scope().letter() + ")");
    }
}
