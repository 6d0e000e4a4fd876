package io.tenfold.fhir.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.tenfold.commons.error.ErrorMapper;
import io.tenfold.commons.projection.TenantContext;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.fhir.conformance.CapabilityStatementFactory;
import io.tenfold.fhir.conformance.SmartConfiguration;

/**
 * The two documents a SMART app reads before anything else, without a token: the CapabilityStatement and
 * {@code .well-known/smart-configuration}. Unknown tenants never get here (404 from the tenant filter).
 */
@Path("/tenant/{tenant}/{audience: patient|provider}/smart-api")
public class MetadataResource {

    private final TenantContext tenant;
    private final CapabilityStatementFactory capabilities;
    private final SmartConfiguration smart;

    public MetadataResource(TenantContext tenant, CapabilityStatementFactory capabilities, SmartConfiguration smart) {
        this.tenant = tenant;
        this.capabilities = capabilities;
        this.smart = smart;
    }

    @GET
    @Path("metadata")
    public Response metadata(@PathParam("audience") String audience) {
        return Response.ok(capabilities.json(tenant.tenant(), tenant.name(), Audience.ofPath(audience)))
                .type(ErrorMapper.FHIR_JSON).build();
    }

    @GET
    @Path(".well-known/smart-configuration")
    public Response smartConfiguration(@PathParam("audience") String audience) {
        return Response.ok(smart.of(tenant.tenant(), Audience.ofPath(audience)))
                .type("application/json;charset=utf-8").build();
    }
}
