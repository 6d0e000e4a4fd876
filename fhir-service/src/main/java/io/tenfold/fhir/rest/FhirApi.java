package io.tenfold.fhir.rest;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.error.InvalidRequestException;
import io.tenfold.commons.security.smart.Caller;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.commons.tenant.TenantPaths;
import io.tenfold.fhir.bundle.PagingParams;
import io.tenfold.fhir.crud.ConditionalService;
import io.tenfold.fhir.crud.ResourceService;
import io.tenfold.fhir.crud.WriteResult;
import io.tenfold.fhir.history.HistoryService;
import io.tenfold.fhir.search.query.SearchService;
import io.tenfold.fhir.storage.StoredResource;

/**
 * The FHIR R4 REST API of a tenant, for either audience: the same handlers, each token verified for its own path's
 * tenant and audience. This class maps HTTP to the interactions; the rules live in the services.
 */
@Authenticated
@Path("/tenant/{tenant}/{audience: patient|provider}/smart-api")
public class FhirApi {

    private static final String TYPE = "{type: [A-Z][A-Za-z]+}";

    private final Caller caller;
    private final ResourceService resources;
    private final HistoryService history;
    private final SearchService search;
    private final ConditionalService conditional;
    private final String publicBaseUrl;

    public FhirApi(Caller caller, ResourceService resources, HistoryService history, SearchService search,
            ConditionalService conditional, PlatformConfig platform) {
        this.conditional = conditional;
        this.caller = caller;
        this.resources = resources;
        this.history = history;
        this.search = search;
        this.publicBaseUrl = platform.publicBaseUrl();
    }

    @GET
    @Path(TYPE + "/{id}")
    public Uni<Response> read(@PathParam("tenant") String tenant, @PathParam("audience") String audience,
            @PathParam("type") String type, @PathParam("id") String id,
            @HeaderParam("If-None-Match") String ifNoneMatch, @HeaderParam("If-Modified-Since") String ifModifiedSince) {
        return resources.read(caller.access(tenant, audience), type, id).map(stored -> {
            if (notModified(stored, ifNoneMatch, ifModifiedSince)) {
                return FhirResponses.notModified(stored);
            }
            return FhirResponses.read(stored);
        });
    }

    @GET
    @Path(TYPE + "/{id}/_history/{version}")
    public Uni<Response> vread(@PathParam("tenant") String tenant, @PathParam("audience") String audience,
            @PathParam("type") String type, @PathParam("id") String id, @PathParam("version") String version) {
        return resources.vread(caller.access(tenant, audience), type, id, version).map(FhirResponses::read);
    }

    @POST
    @Path(TYPE)
    public Uni<Response> create(@PathParam("tenant") String tenant, @PathParam("audience") String audience,
            @PathParam("type") String type, @HeaderParam("Prefer") String prefer,
            @HeaderParam("If-None-Exist") String ifNoneExist, byte[] body) {
        var access = caller.access(tenant, audience);
        Uni<WriteResult> created = ifNoneExist == null || ifNoneExist.isBlank()
                ? resources.create(access, type, body)
                : conditional.create(access, type, body, ifNoneExist.trim());
        return created.map(result -> FhirResponses.written(base(tenant, audience), result.stored(),
                result.created() ? 201 : 200, Prefer.of(prefer)));
    }

    @PUT
    @Path(TYPE)
    public Uni<Response> conditionalUpdate(@PathParam("tenant") String tenant, @PathParam("audience") String audience,
            @PathParam("type") String type, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Prefer") String prefer, @Context UriInfo uri, byte[] body) {
        return conditional.update(caller.access(tenant, audience), type, criteria(uri), body, ifMatch)
                .map(result -> FhirResponses.written(base(tenant, audience), result.stored(),
                        result.created() ? 201 : 200, Prefer.of(prefer)));
    }

    @DELETE
    @Path(TYPE)
    public Uni<Response> conditionalDelete(@PathParam("tenant") String tenant, @PathParam("audience") String audience,
            @PathParam("type") String type, @Context UriInfo uri) {
        return conditional.delete(caller.access(tenant, audience), type, criteria(uri)).map(FhirResponses::deleted);
    }

    private static String criteria(UriInfo uri) {
        String query = uri.getRequestUri().getRawQuery();
        if (query == null || query.isBlank()) {
            throw new InvalidRequestException("condition-empty",
                    "A conditional update or delete needs search criteria in the URL");
        }
        return query;
    }

    @PUT
    @Path(TYPE + "/{id}")
    public Uni<Response> update(@PathParam("tenant") String tenant, @PathParam("audience") String audience,
            @PathParam("type") String type, @PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Prefer") String prefer, byte[] body) {
        return resources.update(caller.access(tenant, audience), type, id, body, ifMatch)
                .map(result -> FhirResponses.written(base(tenant, audience), result.stored(),
                        result.created() ? 201 : 200, Prefer.of(prefer)));
    }

    @PATCH
    @Path(TYPE + "/{id}")
    public Uni<Response> patch(@PathParam("tenant") String tenant, @PathParam("audience") String audience,
            @PathParam("type") String type, @PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Prefer") String prefer, byte[] body) {
        return resources.patch(caller.access(tenant, audience), type, id, body, ifMatch)
                .map(result -> FhirResponses.written(base(tenant, audience), result.stored(), 200, Prefer.of(prefer)));
    }

    @DELETE
    @Path(TYPE + "/{id}")
    public Uni<Response> delete(@PathParam("tenant") String tenant, @PathParam("audience") String audience,
            @PathParam("type") String type, @PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        return resources.delete(caller.access(tenant, audience), type, id, ifMatch).map(FhirResponses::deleted);
    }

    @GET
    @Path(TYPE)
    public Uni<Response> search(@PathParam("tenant") String tenant, @PathParam("audience") String audience,
            @PathParam("type") String type, @HeaderParam("Prefer") String prefer, @Context UriInfo uri) {
        return search.search(caller.access(tenant, audience), base(tenant, audience), type,
                SearchService.pairs(uri.getRequestUri().getRawQuery()), Prefer.of(prefer).lenient())
                .map(FhirResponses::bundle);
    }

    @POST
    @Path(TYPE + "/_search")
    public Uni<Response> searchByPost(@PathParam("tenant") String tenant, @PathParam("audience") String audience,
            @PathParam("type") String type, @HeaderParam("Prefer") String prefer, @Context UriInfo uri,
            byte[] form) {
        List<Map.Entry<String, String>> params = SearchService.pairs(uri.getRequestUri().getRawQuery());
        params.addAll(SearchService.pairs(form == null ? "" : new String(form, StandardCharsets.UTF_8)));
        return search.search(caller.access(tenant, audience), base(tenant, audience), type, params,
                Prefer.of(prefer).lenient()).map(FhirResponses::bundle);
    }

    @GET
    @Path(TYPE + "/{id}/_history")
    public Uni<Response> instanceHistory(@PathParam("tenant") String tenant, @PathParam("audience") String audience,
            @PathParam("type") String type, @PathParam("id") String id, @QueryParam("_since") String since,
            @QueryParam("_count") String count, @QueryParam("_page") String page) {
        return history(tenant, audience, new HistoryService.Scope(type, id), since, count, page);
    }

    @GET
    @Path(TYPE + "/_history")
    public Uni<Response> typeHistory(@PathParam("tenant") String tenant, @PathParam("audience") String audience,
            @PathParam("type") String type, @QueryParam("_since") String since, @QueryParam("_count") String count,
            @QueryParam("_page") String page) {
        return history(tenant, audience, new HistoryService.Scope(type, null), since, count, page);
    }

    @GET
    @Path("_history")
    public Uni<Response> systemHistory(@PathParam("tenant") String tenant, @PathParam("audience") String audience,
            @QueryParam("_since") String since, @QueryParam("_count") String count, @QueryParam("_page") String page) {
        return history(tenant, audience, new HistoryService.Scope(null, null), since, count, page);
    }

    private Uni<Response> history(String tenant, String audience, HistoryService.Scope scope, String since,
            String count, String page) {
        return history.history(caller.access(tenant, audience), base(tenant, audience), scope, since,
                PagingParams.count(count), page).map(FhirResponses::bundle);
    }

    private String base(String tenant, String audience) {
        return TenantPaths.fhirBase(publicBaseUrl, new TenantId(tenant), Audience.ofPath(audience));
    }

    static boolean notModified(StoredResource stored, String ifNoneMatch, String ifModifiedSince) {
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.trim();
                if (t.equals("*") || t.equals(stored.etag()) || t.equals("\"" + stored.version() + "\"")) {
                    return true;
                }
            }
            return false;
        }
        if (ifModifiedSince != null) {
            try {
                ZonedDateTime since = ZonedDateTime.parse(ifModifiedSince.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return stored.lastUpdated().getEpochSecond() <= since.toEpochSecond();
            } catch (RuntimeException e) {
                return false; // an unreadable date is ignored, as HTTP says
            }
        }
        return false;
    }
}
