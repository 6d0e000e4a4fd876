package io.tenfold.fhir.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.error.ErrorMapper;
import io.tenfold.commons.security.smart.Caller;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.commons.tenant.TenantPaths;
import io.tenfold.fhir.bundle.PagingParams;
import io.tenfold.fhir.operation.EverythingService;
import io.tenfold.fhir.operation.ValidateService;

/** The operations: {@code Patient/{id}/$everything} and {@code [type]/$validate}. */
@Authenticated
@Path("/tenant/{tenant}/{audience: patient|provider}/smart-api")
public class OperationsApi {

    private final Caller caller;
    private final EverythingService everything;
    private final ValidateService validate;
    private final String publicBaseUrl;

    public OperationsApi(Caller caller, EverythingService everything, ValidateService validate,
            PlatformConfig platform) {
        this.caller = caller;
        this.everything = everything;
        this.validate = validate;
        this.publicBaseUrl = platform.publicBaseUrl();
    }

    @GET
    @Path("Patient/{id}/{operation: \\$everything|%24everything}")
    public Uni<Response> everything(@PathParam("tenant") String tenant, @PathParam("audience") String audience,
            @PathParam("id") String id, @QueryParam("_since") String since, @QueryParam("_type") String types,
            @QueryParam("_count") String count, @QueryParam("_page") String page) {
        String base = TenantPaths.fhirBase(publicBaseUrl, new TenantId(tenant), Audience.ofPath(audience));
        return everything.everything(caller.access(tenant, audience), base, id, since, types,
                PagingParams.count(count), page).map(FhirResponses::bundle);
    }

    @POST
    @Path("{type: [A-Z][A-Za-z]+}/{operation: \\$validate|%24validate}")
    public Response validate(@PathParam("tenant") String tenant, @PathParam("audience") String audience,
            @PathParam("type") String type, byte[] body) {
        caller.access(tenant, audience);
        ValidateService.Result result = validate.validate(tenant, type, body);
        return Response.ok(result.outcome(), ErrorMapper.FHIR_JSON).build();
    }
}
