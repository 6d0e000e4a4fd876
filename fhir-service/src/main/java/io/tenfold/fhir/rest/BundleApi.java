package io.tenfold.fhir.rest;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.error.ErrorMapper;
import io.tenfold.commons.security.smart.Caller;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.commons.tenant.TenantPaths;
import io.tenfold.fhir.transaction.TransactionService;

/** {@code POST [base]}: a batch or transaction Bundle. The rules live in {@link TransactionService}. */
@Authenticated
@Path("/tenant/{tenant}/{audience: patient|provider}/smart-api")
public class BundleApi {

    private final Caller caller;
    private final TransactionService transactions;
    private final String publicBaseUrl;

    public BundleApi(Caller caller, TransactionService transactions, PlatformConfig platform) {
        this.caller = caller;
        this.transactions = transactions;
        this.publicBaseUrl = platform.publicBaseUrl();
    }

    @POST
    public Uni<Response> batchOrTransaction(@PathParam("tenant") String tenant, @PathParam("audience") String audience,
            @HeaderParam("Prefer") String prefer, byte[] body) {
        String base = TenantPaths.fhirBase(publicBaseUrl, new TenantId(tenant), Audience.ofPath(audience));
        return transactions.process(caller.access(tenant, audience), base, Prefer.of(prefer), body)
                .map(json -> Response.ok(json, ErrorMapper.FHIR_JSON).build());
    }
}
