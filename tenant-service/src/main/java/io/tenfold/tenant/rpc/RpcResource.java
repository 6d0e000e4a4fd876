package io.tenfold.tenant.rpc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.error.UnprocessableEntityException;
import io.tenfold.tenant.operator.OperatorOnly;
import io.tenfold.tenant.registry.RegistryFormats;

/**
 * Aidbox-style RPC for operators: {@code {"method": "smart/get-launch-uri", "params": {"user", "client", "iss",
 * "ctx": {"patient", "encounter"}}}} (also accepted as {@code aidbox.smart/get-launch-uri}) answers
 * {@code {"result": {"uri", "launch", "iss", "launch-uri"}}}: the URI an EHR opens to launch the app for that
 * user and context. {@code iss} names the tenant and audience: {@code <base>/tenant/<t>/<patient|provider>/smart-api}.
 */
@Path("/rpc")
@OperatorOnly
@Tag(name = "RPC")
@Consumes(MediaType.WILDCARD)
@Produces({ MediaType.APPLICATION_JSON, RegistryFormats.YAML })
public class RpcResource {

    private final RegistryFormats formats;
    private final LaunchUriClient launches;
    private final Pattern fhirBase;

    public RpcResource(RegistryFormats formats, LaunchUriClient launches, PlatformConfig platform) {
        this.formats = formats;
        this.launches = launches;
        this.fhirBase = Pattern.compile(Pattern.quote(platform.publicBaseUrl().replaceAll("/+$", ""))
                + "/tenant/([a-z0-9][a-z0-9-]{1,62})/(patient|provider)/smart-api/?");
    }

    @POST
    @Operation(summary = "Call an RPC method: smart/get-launch-uri")
    public Uni<Response> call(byte[] body, @Context HttpHeaders headers) {
        JsonNode rpc = formats.read(body, headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
        String method = rpc.path("method").asText("");
        if (!method.equals("smart/get-launch-uri") && !method.equals("aidbox.smart/get-launch-uri")) {
            throw new UnprocessableEntityException("rpc-method-unknown", "Unknown RPC method: " + method, "method");
        }
        JsonNode params = rpc.path("params");
        Matcher iss = fhirBase.matcher(params.path("iss").asText(""));
        if (!iss.matches()) {
            throw new UnprocessableEntityException("rpc-iss-invalid",
                    "params.iss must be a tenant's FHIR base URL (<base>/tenant/<t>/<patient|provider>/smart-api)",
                    "params.iss");
        }
        ObjectNode launch = JsonNodeFactory.instance.objectNode();
        launch.put("tenant", iss.group(1));
        launch.put("audience", iss.group(2));
        launch.set("client", params.get("client"));
        launch.set("user", params.get("user"));
        if (params.has("ctx")) {
            launch.set("ctx", params.get("ctx"));
        }
        return launches.mint(launch).map(answer -> {
            if (answer.status() != 200) {
                return formats.write(Response.status(answer.status()), answer.body(), headers).build();
            }
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            result.set("result", answer.body());
            return formats.write(Response.ok(), result, headers).build();
        });
    }
}
