package io.tenfold.fhir.crud;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.r4.model.Resource;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.error.InvalidRequestException;
import io.tenfold.commons.error.PreconditionFailedException;
import io.tenfold.commons.error.ResourceGoneException;
import io.tenfold.commons.error.ResourceNotFoundException;
import io.tenfold.commons.security.smart.SmartAccess;
import io.tenfold.fhir.access.AccessGuard;
import io.tenfold.fhir.access.Grant;
import io.tenfold.fhir.access.Interaction;
import io.tenfold.fhir.parse.ResourceParser;
import io.tenfold.fhir.search.index.LocalReferences;
import io.tenfold.fhir.search.index.SearchIndexer;
import io.tenfold.fhir.storage.ResourceStore;
import io.tenfold.fhir.storage.ResourceWrite;
import io.tenfold.fhir.storage.StoredResource;

/**
 * The instance interactions: read, vread, create, update (also creating with the client's id), patch and delete,
 * each decided by the caller's grant. A resource outside the caller's reach (another patient's compartment, a
 * scope restriction it does not match) is answered exactly as a missing one.
 */
@ApplicationScoped
public class ResourceService {

    private final AccessGuard guard;
    private final ResourceStore store;
    private final ResourceParser parser;
    private final NewVersions versions;
    private final SearchIndexer indexer;

    public ResourceService(AccessGuard guard, ResourceStore store, ResourceParser parser, NewVersions versions,
            SearchIndexer indexer) {
        this.guard = guard;
        this.store = store;
        this.parser = parser;
        this.versions = versions;
        this.indexer = indexer;
    }

    public Uni<StoredResource> read(SmartAccess access, String type, String id) {
        return guard.require(access, Interaction.READ, type)
                .chain(grant -> store.current(access.tenant(), type, id).map(current -> {
                    StoredResource visible = visible(grant, current, type, id);
                    if (visible.deleted()) {
                        throw gone(visible);
                    }
                    return visible;
                }));
    }

    public Uni<StoredResource> vread(SmartAccess access, String type, String id, String versionId) {
        int version = versionNumber(versionId);
        return guard.require(access, Interaction.READ, type)
                .chain(grant -> (version < 1 ? Uni.createFrom().<StoredResource>nullItem()
                        : store.version(access.tenant(), type, id, version)).map(stored -> {
                            if (stored == null) {
                                throw new ResourceNotFoundException("version-not-found",
                                        type + "/" + id + " has no version " + versionId);
                            }
                            StoredResource visible = visible(grant, stored, type, id);
                            if (visible.deleted()) {
                                throw gone(visible);
                            }
                            return visible;
                        }));
    }

    public Uni<WriteResult> create(SmartAccess access, String type, byte[] body) {
        Resource resource = parseAs(type, body);
        return guard.require(access, Interaction.CREATE, type).chain(grant -> {
            Instant at = now();
            ResourceWrite write = versions.prepare(access.tenant(), grant, resource, UUID.randomUUID().toString(), 1,
                    ResourceWrite.Method.POST, at);
            return store.write(access.tenant(), at, List.of(write))
                    .map(ignored -> new WriteResult(NewVersions.stored(write, at), true));
        });
    }

    public Uni<WriteResult> update(SmartAccess access, String type, String id, byte[] body, String ifMatch) {
        Resource resource = parseAs(type, body);
        String bodyId = resource.getIdElement().getIdPart();
        if (bodyId == null) {
            throw new InvalidRequestException("id-missing", "An update's body must carry the id of the URL", type + ".id");
        }
        if (!bodyId.equals(id)) {
            throw new InvalidRequestException("id-mismatch",
                    "The body's id '" + bodyId + "' is not the URL's id '" + id + "'", type + ".id");
        }
        checkId(id);
        return guard.require(access, Interaction.UPDATE, type)
                .chain(grant -> store.current(access.tenant(), type, id).chain(current -> {
                    boolean creates = current == null || current.deleted();
                    if (current != null && !reachable(grant, current)) {
                        throw notFound(type, id);
                    }
                    if (current == null && grant.confined()) {
                        // a patient's app may not choose the id of a new resource (nor learn that one is taken)
                        throw notFound(type, id);
                    }
                    checkIfMatch(ifMatch, current);
                    Uni<Grant> effective = creates ? guard.require(access, Interaction.CREATE, type)
                            : Uni.createFrom().item(grant);
                    return effective.chain(g -> {
                        Instant at = now();
                        ResourceWrite write = versions.prepare(access.tenant(), g, resource, id,
                                current == null ? 1 : current.version() + 1, ResourceWrite.Method.PUT, at);
                        return store.write(access.tenant(), at, List.of(write))
                                .map(ignored -> new WriteResult(NewVersions.stored(write, at), creates));
                    });
                }));
    }

    public Uni<WriteResult> patch(SmartAccess access, String type, String id, byte[] patch, String ifMatch) {
        return guard.require(access, Interaction.UPDATE, type)
                .chain(grant -> store.current(access.tenant(), type, id).chain(current -> {
                    StoredResource visible = visible(grant, current, type, id);
                    if (visible.deleted()) {
                        throw gone(visible);
                    }
                    checkIfMatch(ifMatch, visible);
                    String patched = JsonPatch.apply(visible.body(), patch);
                    Resource resource = parseAs(type, patched.getBytes(StandardCharsets.UTF_8));
                    if (!id.equals(resource.getIdElement().getIdPart())) {
                        throw new InvalidRequestException("id-mismatch", "A patch may not change the id", type + ".id");
                    }
                    Instant at = now();
                    ResourceWrite write = versions.prepare(access.tenant(), grant, resource, id,
                            visible.version() + 1, ResourceWrite.Method.PATCH, at);
                    return store.write(access.tenant(), at, List.of(write))
                            .map(ignored -> new WriteResult(NewVersions.stored(write, at), false));
                }));
    }

    /** Deletes; yields the deletion, or null when there was nothing (visible) to delete: deleting is idempotent. */
    public Uni<StoredResource> delete(SmartAccess access, String type, String id, String ifMatch) {
        return guard.require(access, Interaction.DELETE, type)
                .chain(grant -> store.current(access.tenant(), type, id).chain(current -> {
                    if (current == null || current.deleted() || !reachable(grant, current)) {
                        return Uni.createFrom().nullItem();
                    }
                    checkIfMatch(ifMatch, current);
                    Instant at = now();
                    ResourceWrite write = NewVersions.deletion(current);
                    return store.write(access.tenant(), at, List.of(write))
                            .map(ignored -> NewVersions.stored(write, at));
                }));
    }

    /** The reference checks of a write, without writing. */
    public void checkReferences(String tenant, Resource resource) {
        versions.checkReferences(new io.tenfold.commons.tenant.TenantId(tenant), resource);
    }

    /** The stored JSON of a resource. */
    public String encode(Resource resource) {
        return parser.encode(resource);
    }

    /** Parses a body that must be a resource of {@code type}. */
    public Resource parseAs(String type, byte[] body) {
        Resource resource = parser.parse(body);
        if (!resource.fhirType().equals(type)) {
            throw new InvalidRequestException("resource-type-mismatch", "The body is a " + resource.fhirType()
                    + ", the URL names " + type, "resourceType");
        }
        return resource;
    }

    /** Whether the grant reaches a stored version: the patient's compartment, and the scope's restrictions. */
    public boolean reachable(Grant grant, StoredResource stored) {
        if (grant.confined() && !stored.inCompartmentOf(grant.patient())) {
            return false;
        }
        if (grant.restricted()) {
            if (stored.body() == null) {
                return false;
            }
            Resource resource = parser.parse(stored.body().getBytes(StandardCharsets.UTF_8));
            return Restrictions.anyHolds(grant.restrictions(), indexer.index(resource, new LocalReferences("", "")),
                    param -> indexer.rowsOf(resource.fhirType(), param));
        }
        return true;
    }

    private StoredResource visible(Grant grant, StoredResource stored, String type, String id) {
        if (stored == null || !reachable(grant, stored)) {
            throw notFound(type, id);
        }
        return stored;
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static void checkId(String id) {
        if (!ResourceParser.isValidId(id)) {
            throw new InvalidRequestException("id-invalid",
                    "A resource id is 1 to 64 letters, digits, '-' and '.'", "id");
        }
    }

    static void checkIfMatch(String ifMatch, StoredResource current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String expected = ifMatch.trim();
        if (expected.startsWith("W/")) {
            expected = expected.substring(2);
        }
        expected = expected.replace("\"", "");
        if (current == null || current.deleted() || !expected.equals(Integer.toString(current.version()))) {
            throw new PreconditionFailedException("version-mismatch", "If-Match names version " + expected
                    + ", the current version is " + (current == null || current.deleted() ? "none" : current.version()));
        }
    }

    private static int versionNumber(String versionId) {
        try {
            return Integer.parseInt(versionId);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static ResourceNotFoundException notFound(String type, String id) {
        return new ResourceNotFoundException("resource-not-found", type + "/" + id + " is not known");
    }

    private static ResourceGoneException gone(StoredResource deleted) {
        ResourceGoneException gone = new ResourceGoneException("resource-deleted",
                deleted.type() + "/" + deleted.id() + " was deleted");
        gone.withHeader("ETag", deleted.etag());
        return gone;
    }
}
