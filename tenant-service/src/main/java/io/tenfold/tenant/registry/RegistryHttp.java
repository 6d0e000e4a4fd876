package io.tenfold.tenant.registry;

import java.net.URI;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.error.InvalidRequestException;
import io.tenfold.commons.tenant.TenantId;

/**
 * The HTTP side shared by the registry resources: bodies in (JSON or YAML), resources out with {@code meta},
 * {@code ETag} and {@code Location}, and search Bundles.
 */
@ApplicationScoped
public class RegistryHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryFormats formats;
    private final String baseUrl;

    public RegistryHttp(RegistryFormats formats, PlatformConfig platform) {
        this.formats = formats;
        this.baseUrl = platform.publicBaseUrl().replaceAll("/+$", "");
    }

    public String baseUrl() {
        return baseUrl;
    }

    public JsonNode read(byte[] body, HttpHeaders headers) {
        return formats.read(body, headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
    }

    public OptionalLong ifMatch(HttpHeaders headers) {
        return ETags.parseIfMatch(headers.getHeaderString(HttpHeaders.IF_MATCH));
    }

    public String url(RegistryKind kind, String id) {
        return baseUrl + "/" + kind.resourceType() + "/" + id;
    }

    /** A row as the operator API shows it: the stored resource with {@code meta.versionId} and {@code lastUpdated}. */
    public ObjectNode render(RegistryEntity entity) {
        ObjectNode node;
        try {
            node = (ObjectNode) JSON.readTree(entity.resource);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored resource is not JSON", e);
        }
        ObjectNode meta = node.has("meta") ? (ObjectNode) node.remove("meta") : JSON.createObjectNode();
        meta.put("versionId", String.valueOf(entity.version));
        meta.put("lastUpdated", entity.updatedAt.toString());
        node.set("meta", meta);
        return node;
    }

    public Response.ResponseBuilder write(Response.ResponseBuilder response, JsonNode body, HttpHeaders headers) {
        return formats.write(response, body, headers);
    }

    public Response ok(RegistryEntity entity, HttpHeaders headers) {
        return formats.write(tagged(Response.ok(), entity), render(entity), headers).build();
    }

    /** 201 with {@code Location} when created, else 200; with the {@code ETag} of the version. */
    public Response written(RegistryKind kind, RegistryEntity entity, boolean created, HttpHeaders headers) {
        Response.ResponseBuilder response = created
                ? Response.status(201).location(URI.create(url(kind, entity.id)))
                : Response.ok();
        return formats.write(tagged(response, entity), render(entity), headers).build();
    }

    private static Response.ResponseBuilder tagged(Response.ResponseBuilder response, RegistryEntity entity) {
        return response.tag(new EntityTag(String.valueOf(entity.version), true));
    }

    /** A page of rows as a {@code searchset} Bundle. */
    public Response bundle(RegistryKind kind, Map<String, String> filters, Paging paging,
            RegistryService.Found<? extends RegistryEntity> found, HttpHeaders headers) {
        ObjectNode bundle = SearchBundle.of(baseUrl + "/" + kind.resourceType(), filters, paging, found.total(),
                found.entities().stream()
                        .map(e -> new SearchBundle.Entry(url(kind, e.id), render(e))).toList());
        return formats.write(Response.ok(), bundle, headers).build();
    }

    /** The {@code tenant} search parameter: a tenant id, {@code _global}, or null for every tenant. */
    public static String tenantParameter(String tenant) {
        if (tenant == null || tenant.isBlank()) {
            return null;
        }
        if (!TenantId.isValid(tenant) && !TenantId.GLOBAL.equals(tenant)) {
            throw new InvalidRequestException("parameter-invalid", "tenant must be a tenant id or _global",
                    "tenant");
        }
        return tenant;
    }
}
