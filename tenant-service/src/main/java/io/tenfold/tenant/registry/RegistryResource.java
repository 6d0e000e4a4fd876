package io.tenfold.tenant.registry;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * The operator API of one kind of registry resource: {@code PUT}, {@code GET}, {@code DELETE /Kind/{id}} and
 * {@code GET /Kind?tenant=…&_count=…&_page=…} (plus the kind's own search parameters). Subclasses carry
 * {@code @Path} and {@code @OperatorOnly}.
 */
public abstract class RegistryResource<E extends RegistryEntity, D extends RegistryDocument> {

    protected final RegistryService<E, D> service;
    protected final RegistryHttp http;
    protected final RegistryKind kind;

    protected RegistryResource(RegistryService<E, D> service, RegistryHttp http, RegistryKind kind) {
        this.service = service;
        this.http = http;
        this.kind = kind;
    }

    /** Validates a parsed body; {@code pathId} is the id in the URL, or null for POST. */
    protected abstract D parse(JsonNode body, String pathId);

    @PUT
    @Path("{id}")
    @Operation(summary = "Create or replace; If-Match honoured. A secret left out is kept, a secret set to null "
            + "is removed")
    public Uni<Response> put(@PathParam("id") String id, byte[] body, @Context HttpHeaders headers) {
        D doc = parse(http.read(body, headers), id);
        return service.put(doc, http.ifMatch(headers))
                .map(result -> http.written(kind, result.entity(), result.created(), headers));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read one, in any tenant")
    public Uni<Response> read(@PathParam("id") String id, @Context HttpHeaders headers) {
        return service.get(RegistryIds.fromPath(id, kind)).map(entity -> http.ok(entity, headers));
    }

    @GET
    @Operation(summary = "Search, of one tenant (tenant=…, _global for global rows) or all, a page at a time "
            + "(_count, _page), as a searchset Bundle")
    public Uni<Response> search(@QueryParam("tenant") String tenant, @QueryParam("_count") String count,
            @QueryParam("_page") String page, @Context UriInfo uri, @Context HttpHeaders headers) {
        String tenantId = RegistryHttp.tenantParameter(tenant);
        Paging paging = Paging.of(count, page);
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("tenant", tenantId);
        for (String name : service.searchParameters().keySet()) {
            String value = uri.getQueryParameters().getFirst(name);
            filters.put(name, value == null || value.isBlank() ? null : value.trim());
        }
        return service.list(tenantId, filters, paging)
                .map(found -> http.bundle(kind, filters, paging, found, headers));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete; a user or client that an AccessPolicy links is refused (409)")
    public Uni<Response> delete(@PathParam("id") String id, @Context HttpHeaders headers) {
        return service.delete(RegistryIds.fromPath(id, kind), http.ifMatch(headers))
                .replaceWith(Response.noContent().build());
    }
}
