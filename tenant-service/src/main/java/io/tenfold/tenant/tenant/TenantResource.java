package io.tenfold.tenant.tenant;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.error.ResourceNotFoundException;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.tenant.operator.OperatorOnly;
import io.tenfold.tenant.provisioning.ProvisioningRepository;
import io.tenfold.tenant.registry.ETags;
import io.tenfold.tenant.registry.Paging;
import io.tenfold.tenant.registry.RegistryFormats;
import io.tenfold.tenant.registry.SearchBundle;

/** The operator API for tenants: {@code /Tenant}, JSON or YAML, HTTP Basic as the operator client. */
@Path("/Tenant")
@OperatorOnly
@Tag(name = "Tenant")
@SecurityScheme(securitySchemeName = "operator", type = SecuritySchemeType.HTTP, scheme = "basic")
@SecurityRequirement(name = "operator")
@Consumes(MediaType.WILDCARD)
@Produces({ MediaType.APPLICATION_JSON, RegistryFormats.YAML })
public class TenantResource {

    private final TenantService tenants;
    private final ProvisioningRepository provisioning;
    private final TenantView view;
    private final RegistryFormats formats;
    private final String baseUrl;

    public TenantResource(TenantService tenants, ProvisioningRepository provisioning, TenantView view,
            RegistryFormats formats, PlatformConfig platform) {
        this.tenants = tenants;
        this.provisioning = provisioning;
        this.view = view;
        this.formats = formats;
        this.baseUrl = platform.publicBaseUrl().replaceAll("/+$", "");
    }

    @POST
    @Operation(summary = "Create a tenant; every service serves it within seconds")
    public Uni<Response> create(byte[] body, @Context HttpHeaders headers) {
        TenantDocument doc = TenantDocument.from(formats.read(body, headers.getHeaderString(HttpHeaders.CONTENT_TYPE)),
                null);
        return tenants.create(doc).chain(tenant -> respond(Response.status(201)
                .location(URI.create(baseUrl + "/Tenant/" + tenant.id)), tenant, headers));
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Create or replace a tenant")
    public Uni<Response> put(@PathParam("id") String id, byte[] body, @Context HttpHeaders headers) {
        TenantDocument doc = TenantDocument.from(formats.read(body, headers.getHeaderString(HttpHeaders.CONTENT_TYPE)),
                id);
        return tenants.put(doc, ETags.parseIfMatch(headers.getHeaderString(HttpHeaders.IF_MATCH)))
                .chain(result -> respond(result.created()
                        ? Response.status(201).location(URI.create(baseUrl + "/Tenant/" + id))
                        : Response.ok(), result.tenant(), headers));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a tenant with its provisioning status per service")
    public Uni<Response> read(@PathParam("id") String id, @Context HttpHeaders headers) {
        return tenants.get(validId(id)).chain(tenant -> respond(Response.ok(), tenant, headers));
    }

    @GET
    @Operation(summary = "List tenants, a page at a time (_count, _page), as a searchset Bundle")
    public Uni<Response> list(@QueryParam("_count") String count, @QueryParam("_page") String page,
            @Context HttpHeaders headers) {
        Paging paging = Paging.of(count, page);
        return tenants.list(paging.count(), paging.page()).chain(result -> provisioning
                .reports(result.tenants().stream().map(t -> t.id).toList())
                .map(reports -> SearchBundle.of(baseUrl + "/Tenant", Map.of(), paging, result.total(),
                        result.tenants().stream().map(t -> new SearchBundle.Entry(baseUrl + "/Tenant/" + t.id,
                                view.render(t, reports.getOrDefault(t.id, List.of())))).toList())))
                .map(bundle -> formats.write(Response.ok(), bundle, headers).build());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a tenant; every service purges its data and answers 404")
    public Uni<Response> delete(@PathParam("id") String id, @Context HttpHeaders headers) {
        return tenants.delete(validId(id), ETags.parseIfMatch(headers.getHeaderString(HttpHeaders.IF_MATCH)))
                .replaceWith(Response.noContent().build());
    }

    private Uni<Response> respond(Response.ResponseBuilder response, TenantEntity tenant, HttpHeaders headers) {
        return provisioning.reports(List.of(tenant.id))
                .map(reports -> formats.write(response.tag(new EntityTag(String.valueOf(tenant.version), true)),
                        view.render(tenant, reports.getOrDefault(tenant.id, List.of())), headers).build());
    }

    /** An id that cannot be a tenant's is simply not found (and never reaches the database). */
    private static String validId(String id) {
        if (!TenantId.isValid(id)) {
            throw new ResourceNotFoundException("tenant-not-found", "No such Tenant");
        }
        return id;
    }
}
