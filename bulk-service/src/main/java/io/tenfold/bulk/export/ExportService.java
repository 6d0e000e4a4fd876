package io.tenfold.bulk.export;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.error.ForbiddenOperationException;
import io.tenfold.commons.security.smart.SmartAccess;

/**
 * Accepts exports: checks what the client may export (its scopes and the tenant's policies), resolves a Group to
 * its members, keeps a client to {@link BulkConfig#maxActivePerClient} unfinished exports, and writes the job
 * for the workers. Without {@code _type}, the export holds every type of the tenant the client may export.
 */
@ApplicationScoped
public class ExportService {

    private final ExportAccess access;
    private final ExportJobs jobs;
    private final FhirData fhir;
    private final BulkConfig config;

    public ExportService(ExportAccess access, ExportJobs jobs, FhirData fhir, BulkConfig config) {
        this.access = access;
        this.jobs = jobs;
        this.fhir = fhir;
        this.config = config;
    }

    /** Accepts the export; yields its job id. */
    public Uni<UUID> kickOff(SmartAccess caller, ExportRequest request) {
        String tenant = caller.tenant().value();
        Uni<List<String>> types = request.types() != null ? access.requireAll(caller, request.types())
                : fhir.types(tenant).chain(present -> access.permitted(caller, present).invoke(permitted -> {
                    if (permitted.isEmpty() && !present.isEmpty()) {
                        throw new ForbiddenOperationException("nothing-exportable", "The access token's scopes and "
                                + "the tenant's access policies let this client export none of the tenant's types");
                    }
                }));
        UUID id = UUID.randomUUID();
        return types.chain(exported -> patients(caller, request).chain(patients -> jobs.accept(tenant, id,
                caller.clientId(), caller.subject(), request, exported, patients, config.maxActivePerClient(),
                config.retryAfterSeconds() * 5)))
                .replaceWith(id);
    }

    /** The patients a Patient or Group export is limited to: null for every patient of the tenant. */
    private Uni<List<String>> patients(SmartAccess caller, ExportRequest request) {
        if (request.kind() != ExportRequest.Kind.GROUP) {
            return Uni.createFrom().item(request.patients());
        }
        if (!ExportAccess.readableByScopes(caller, "Group")) {
            throw new ForbiddenOperationException("scope-missing",
                    "A Group export needs a scope to read the Group (e.g. system/Group.rs)");
        }
        return fhir.groupMembers(caller.tenant().value(), request.groupId()).map(members -> {
            if (request.patients() == null) {
                return members;
            }
            List<String> both = new ArrayList<>(request.patients());
            both.retainAll(members);
            return both;
        });
    }
}
