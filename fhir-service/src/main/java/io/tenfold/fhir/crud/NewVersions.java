package io.tenfold.fhir.crud;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.error.ForbiddenOperationException;
import io.tenfold.commons.error.UnprocessableEntityException;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.fhir.access.Grant;
import io.tenfold.fhir.parse.ResourceParser;
import io.tenfold.fhir.search.index.IndexRows;
import io.tenfold.fhir.search.index.LocalReferences;
import io.tenfold.fhir.search.index.SearchIndexer;
import io.tenfold.fhir.storage.ResourceWrite;
import io.tenfold.fhir.storage.StoredResource;

/**
 * Turns a parsed resource into the version to store: {@code id}, {@code meta.versionId} and
 * {@code meta.lastUpdated} set, references checked (well formed, none into another tenant of this install), search
 * index and compartments computed, and the caller's grant respected (a patient-confined caller writes only inside
 * the patient's compartment, a restricted grant only what its restriction matches).
 */
@ApplicationScoped
public class NewVersions {

    private static final Pattern RELATIVE = Pattern.compile("([A-Z][A-Za-z]+)/[A-Za-z0-9\\-.]{1,64}(/_history/[A-Za-z0-9\\-.]{1,64})?");

    private final ResourceParser parser;
    private final SearchIndexer indexer;
    private final String publicBaseUrl;

    public NewVersions(ResourceParser parser, SearchIndexer indexer, PlatformConfig platform) {
        this.parser = parser;
        this.indexer = indexer;
        this.publicBaseUrl = platform.publicBaseUrl();
    }

    /** The version {@code version} of {@code resource}, written by {@code method} at {@code at}. */
    public ResourceWrite prepare(TenantId tenant, Grant grant, Resource resource, String id, int version,
            ResourceWrite.Method method, Instant at) {
        resource.setId(id);
        resource.getMeta().setVersionId(Integer.toString(version));
        resource.getMeta().setLastUpdated(Date.from(at));
        LocalReferences local = new LocalReferences(publicBaseUrl, tenant.value());
        checkReferences(resource, local);
        IndexRows index = indexer.index(resource, local);
        List<String> compartments = new ArrayList<>(index.patientCompartment());
        if (grant.confined() && !onlyIn(compartments, grant.patient())) {
            throw new ForbiddenOperationException("compartment-violation", "The " + resource.fhirType()
                    + " would not be in the compartment of Patient/" + grant.patient() + " alone");
        }
        if (grant.restricted() && !Restrictions.anyHolds(grant.restrictions(), index,
                param -> indexer.rowsOf(resource.fhirType(), param))) {
            throw new ForbiddenOperationException("scope-restriction", "The " + resource.fhirType()
                    + " does not match the restriction of the access token's scope (" + grant.restrictions() + ")");
        }
        return new ResourceWrite(resource.fhirType(), id, version, method, parser.encode(resource), index,
                compartments);
    }

    /** The deletion of a resource, as version {@code version}. */
    public static ResourceWrite deletion(StoredResource current) {
        return new ResourceWrite(current.type(), current.id(), current.version() + 1, ResourceWrite.Method.DELETE,
                null, null, current.compartments());
    }

    /** The stored form of a version just written. */
    public static StoredResource stored(ResourceWrite write, Instant at) {
        return new StoredResource(write.type(), write.id(), write.version(), at, write.deleted(),
                write.method().name(), write.body(), write.compartments());
    }

    /** References well formed, none into another tenant of this install; a 422 otherwise. */
    public void checkReferences(TenantId tenant, Resource resource) {
        checkReferences(resource, new LocalReferences(publicBaseUrl, tenant.value()));
    }

    private void checkReferences(Resource resource, LocalReferences local) {
        if (resource instanceof Bundle) {
            return; // a stored Bundle (a document, a collection) keeps its entries' references as they are
        }
        for (Reference reference : parser.context().newTerser().getAllPopulatedChildElementsOfType(resource,
                Reference.class)) {
            String ref = reference.getReference();
            if (ref == null || ref.isEmpty() || ref.startsWith("#")) {
                continue;
            }
            if (local.isOtherTenantOfThisServer(ref)) {
                throw new UnprocessableEntityException("reference-other-tenant",
                        "Reference '" + ref + "' points into another tenant", "Reference.reference");
            }
            if (ref.indexOf(':') < 0) {
                var matcher = RELATIVE.matcher(ref);
                if (!matcher.matches() || !parser.isResourceType(matcher.group(1))) {
                    throw new UnprocessableEntityException("reference-invalid", "Reference '" + abbreviate(ref)
                            + "' is neither an absolute URL nor [type]/[id] of an R4 resource type",
                            "Reference.reference");
                }
            }
        }
    }

    private static boolean onlyIn(List<String> compartments, String patient) {
        return !compartments.isEmpty() && compartments.stream().allMatch(patient::equals);
    }

    private static String abbreviate(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "..." : value;
    }
}
