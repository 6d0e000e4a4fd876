package io.tenfold.fhir.crud;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.error.PreconditionFailedException;
import io.tenfold.commons.security.smart.SmartAccess;
import io.tenfold.fhir.search.query.SearchService;
import io.tenfold.fhir.storage.PgTx;
import io.tenfold.fhir.storage.ResourceStore;
import io.tenfold.fhir.storage.StoredResource;

/**
 * Conditional create ({@code If-None-Exist}), update ({@code PUT Type?criteria}) and delete
 * ({@code DELETE Type?criteria}) of single resources: the criteria are a search among what the caller may see;
 * none, one or several matches decide, as the FHIR specification says. The match and the write are two steps
 * here (the write itself is version-checked); inside a transaction Bundle both happen in one transaction.
 */
@ApplicationScoped
public class ConditionalService {

    private final SearchService search;
    private final ResourceService resources;
    private final ResourceStore store;

    public ConditionalService(SearchService search, ResourceService resources, ResourceStore store) {
        this.search = search;
        this.resources = resources;
        this.store = store;
    }

    /** Creates unless one resource matches {@code ifNoneExist} (then yields it, unchanged); several: 412. */
    public Uni<WriteResult> create(SmartAccess access, String type, byte[] body, String ifNoneExist) {
        String criteria = ifNoneExist.startsWith(type + "?") ? ifNoneExist.substring(type.length() + 1)
                : ifNoneExist.startsWith("?") ? ifNoneExist.substring(1) : ifNoneExist;
        resources.parseAs(type, body); // a bad body is a 400 whether or not something matches
        return matches(access, type, criteria).chain(ids -> switch (ids.size()) {
            case 0 -> resources.create(access, type, body);
            case 1 -> resources.read(access, type, ids.get(0)).map(existing -> new WriteResult(existing, false));
            default -> Uni.createFrom().failure(several(type, criteria));
        });
    }

    /** Updates the one match; creates when none matches; several: 412. */
    public Uni<WriteResult> update(SmartAccess access, String type, String criteria, byte[] body, String ifMatch) {
        var resource = resources.parseAs(type, body);
        String bodyId = resource.getIdElement().getIdPart();
        return matches(access, type, criteria).chain(ids -> switch (ids.size()) {
            case 0 -> bodyId == null ? resources.create(access, type, body)
                    : resources.update(access, type, bodyId, body, ifMatch);
            case 1 -> {
                if (bodyId != null && !bodyId.equals(ids.get(0))) {
                    yield Uni.createFrom().failure(new io.tenfold.commons.error.InvalidRequestException(
                            "id-mismatch", "The body's id '" + bodyId + "' is not the id of the resource the "
                                    + "criteria match", type + ".id"));
                }
                yield resources.update(access, type, ids.get(0), withId(resource, ids.get(0)), ifMatch);
            }
            default -> Uni.createFrom().failure(several(type, criteria));
        });
    }

    /** Deletes the one match; nothing when none matches; several: 412. */
    public Uni<StoredResource> delete(SmartAccess access, String type, String criteria) {
        return matches(access, type, criteria).chain(ids -> switch (ids.size()) {
            case 0 -> Uni.createFrom().nullItem();
            case 1 -> resources.delete(access, type, ids.get(0), null);
            default -> Uni.createFrom().failure(several(type, criteria));
        });
    }

    private Uni<List<String>> matches(SmartAccess access, String type, String criteria) {
        return PgTx.run(store.pool(), access.tenant().value(), tx -> search.matchIds(tx, access, type, criteria));
    }

    private byte[] withId(org.hl7.fhir.r4.model.Resource resource, String id) {
        resource.setId(id);
        return resources.encode(resource).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static PreconditionFailedException several(String type, String criteria) {
        return new PreconditionFailedException("condition-ambiguous", "More than one " + type + " matches '"
                + criteria + "'");
    }
}
