package io.tenfold.bulk.export;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.error.ResourceNotFoundException;
import io.tenfold.commons.event.AuditEvent;
import io.tenfold.commons.security.smart.Caller;
import io.tenfold.commons.security.smart.SmartAccess;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.commons.tenant.TenantPaths;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A tenant's Bulk Data Access 2.0 API: kick-off at the system, Patient and Group levels (GET with query
 * parameters, POST with a Parameters body), the status endpoint (202 while running, the manifest when done, 500
 * when the export failed; DELETE cancels), and the NDJSON files. Every call needs an access token of the tenant's
 * provider authorization server; a job, its status and its files are its client's alone (any other caller gets
 * a 404, as if there were none).
 */
@Path("/tenant/{tenant}/bulk-api")
@Authenticated
public class ExportApi {

    static final String STATUS = "$export-status";
    static final String FILE = "$export-file";
    private static final String NDJSON = "application/fhir+ndjson";

    private final Caller caller;
    private final ExportService exports;
    private final ExportJobs jobs;
    private final ExportFiles files;
    private final BulkConfig config;
    private final String publicBaseUrl;

    public ExportApi(Caller caller, ExportService exports, ExportJobs jobs, ExportFiles files, BulkConfig config,
            PlatformConfig platform) {
        this.caller = caller;
        this.exports = exports;
        this.jobs = jobs;
        this.files = files;
        this.config = config;
        this.publicBaseUrl = platform.publicBaseUrl();
    }

    @GET
    @Path("{operation: \\$export|%24export}")
    public Uni<Response> system(@PathParam("tenant") String tenant, UriInfo uri, HttpHeaders headers) {
        return kickOff(tenant, ExportRequest.Kind.SYSTEM, null, uri, headers, null);
    }

    @POST
    @Path("{operation: \\$export|%24export}")
    public Uni<Response> systemPosted(@PathParam("tenant") String tenant, UriInfo uri, HttpHeaders headers,
            byte[] body) {
        return kickOff(tenant, ExportRequest.Kind.SYSTEM, null, uri, headers, body);
    }

    @GET
    @Path("Patient/{operation: \\$export|%24export}")
    public Uni<Response> patients(@PathParam("tenant") String tenant, UriInfo uri, HttpHeaders headers) {
        return kickOff(tenant, ExportRequest.Kind.PATIENT, null, uri, headers, null);
    }

    @POST
    @Path("Patient/{operation: \\$export|%24export}")
    public Uni<Response> patientsPosted(@PathParam("tenant") String tenant, UriInfo uri, HttpHeaders headers,
            byte[] body) {
        return kickOff(tenant, ExportRequest.Kind.PATIENT, null, uri, headers, body);
    }

    @GET
    @Path("Group/{id: [A-Za-z0-9\\-.]{1,64}}/{operation: \\$export|%24export}")
    public Uni<Response> group(@PathParam("tenant") String tenant, @PathParam("id") String id, UriInfo uri,
            HttpHeaders headers) {
        return kickOff(tenant, ExportRequest.Kind.GROUP, id, uri, headers, null);
    }

    @POST
    @Path("Group/{id: [A-Za-z0-9\\-.]{1,64}}/{operation: \\$export|%24export}")
    public Uni<Response> groupPosted(@PathParam("tenant") String tenant, @PathParam("id") String id, UriInfo uri,
            HttpHeaders headers, byte[] body) {
        return kickOff(tenant, ExportRequest.Kind.GROUP, id, uri, headers, body);
    }

    @GET
    @Path("{operation: \\$export-status|%24export-status}/{job}")
    public Uni<Response> status(@PathParam("tenant") String tenant, @PathParam("job") String job) {
        SmartAccess access = caller.access(tenant, Audience.PROVIDER);
        return own(access, job).map(found -> switch (found.status()) {
            case ExportJob.COMPLETED -> Response.ok(manifest(tenant, found).encode(), "application/json")
                    .header("Expires", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            found.expiresAt().atZoneSameInstant(ZoneOffset.UTC)))
                    .build();
            case ExportJob.FAILED -> throw new ExportFailedException(found.error());
            default -> Response.accepted()
                    .header("X-Progress", found.progress() == null ? found.status() : found.progress())
                    .header("Retry-After", config.retryAfterSeconds())
                    .build();
        });
    }

    @DELETE
    @Path("{operation: \\$export-status|%24export-status}/{job}")
    public Uni<Response> cancel(@PathParam("tenant") String tenant, @PathParam("job") String job) {
        SmartAccess access = caller.access(tenant, Audience.PROVIDER);
        return own(access, job).chain(found -> jobs.delete(tenant, found.id()))
                .map(deleted -> Response.accepted().build());
    }

    @GET
    @Path("{operation: \\$export-file|%24export-file}/{job}/{file: [0-9]{1,9}}")
    @Blocking
    public Response file(@PathParam("tenant") String tenant, @PathParam("job") String job,
            @PathParam("file") int file) {
        SmartAccess access = caller.access(tenant, Audience.PROVIDER);
        ExportJob found = own(access, job).await().indefinitely();
        ExportJob.File wanted = found.files().stream().filter(f -> f.number() == file).findFirst()
                .filter(f -> ExportJob.COMPLETED.equals(found.status()))
                .orElseThrow(() -> new ResourceNotFoundException("file-unknown", "No such file of this export"));
        StreamingOutput body = files.stream(access, found.id(), wanted);
        jobs.audit(tenant, new AuditEvent("export-downloaded", "success", tenant, "provider", access.clientId(),
                access.subject(), null, wanted.count() + " " + wanted.type() + " (" + wanted.section() + ") of export "
                        + found.id())).await().indefinitely();
        return Response.ok(body, NDJSON).build();
    }

    private Uni<Response> kickOff(String tenant, ExportRequest.Kind kind, String groupId, UriInfo uri,
            HttpHeaders headers, byte[] body) {
        SmartAccess access = caller.access(tenant, Audience.PROVIDER);
        boolean lenient = KickOffParser.headers(headers.getHeaderString(HttpHeaders.ACCEPT),
                headers.getHeaderString("Prefer"));
        KickOffParser.Params params = body == null ? KickOffParser.query(uri.getQueryParameters(), lenient)
                : KickOffParser.body(body, lenient);
        String requestUrl = TenantPaths.url(publicBaseUrl, uri.getRequestUri().getRawPath()
                + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery()));
        ExportRequest request = params.request(kind, groupId, requestUrl);
        return exports.kickOff(access, request).map(id -> Response.accepted()
                .header("Content-Location", statusUrl(tenant, id))
                .build());
    }

    /** The caller's job with this id; any other (unknown, of another client, not an id) is a 404. */
    private Uni<ExportJob> own(SmartAccess access, String job) {
        UUID id;
        try {
            id = UUID.fromString(job);
        } catch (IllegalArgumentException e) {
            throw unknownJob();
        }
        return jobs.find(access.tenant().value(), id).map(found -> {
            if (found == null || !found.clientId().equals(access.clientId())) {
                throw unknownJob();
            }
            return found;
        });
    }

    private static ResourceNotFoundException unknownJob() {
        return new ResourceNotFoundException("export-unknown", "No such export (finished ones expire, and each "
                + "client sees only its own)");
    }

    private JsonObject manifest(String tenant, ExportJob job) {
        JsonArray output = new JsonArray();
        JsonArray deleted = new JsonArray();
        for (ExportJob.File file : job.files()) {
            (ExportJob.File.DELETED.equals(file.section()) ? deleted : output).add(new JsonObject()
                    .put("type", ExportJob.File.DELETED.equals(file.section()) ? "Bundle" : file.type())
                    .put("url", base(tenant) + "/" + FILE + "/" + job.id() + "/" + file.number())
                    .put("count", file.count()));
        }
        JsonObject manifest = new JsonObject()
                .put("transactionTime", job.transactionTime().toInstant().toString())
                .put("request", job.requestUrl())
                .put("requiresAccessToken", true)
                .put("output", output)
                .put("error", new JsonArray());
        return deleted.isEmpty() ? manifest : manifest.put("deleted", deleted);
    }

    private String statusUrl(String tenant, UUID id) {
        return base(tenant) + "/" + STATUS + "/" + id;
    }

    private String base(String tenant) {
        return TenantPaths.bulkBase(publicBaseUrl, new TenantId(tenant));
    }
}
