package io.tenfold.tenant.registry;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import io.tenfold.commons.error.InvalidRequestException;
import io.tenfold.commons.error.PayloadTooLargeException;
import io.tenfold.commons.error.UnsupportedMediaTypeException;
import io.tenfold.commons.http.HttpConfig;

/**
 * Registry bodies in and out, as Smartbox takes them: JSON ({@code application/json}) or YAML
 * ({@code text/yaml}). Parsing is strict: one document, no duplicate keys, bounded nesting.
 */
@ApplicationScoped
public class RegistryFormats {

    public static final String YAML = "text/yaml";
    private static final List<String> YAML_TYPES = List.of("text/yaml", "application/yaml", "application/x-yaml",
            "text/x-yaml");
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder().maxNestingDepth(64)
            .build();

    private final ObjectMapper json;
    private final ObjectMapper yaml;
    private final long maxBody;

    public RegistryFormats(HttpConfig http) {
        this.maxBody = http.maxBodySize().asLongValue();
        json = strict(new ObjectMapper());
        YAMLFactory yamlFactory = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build();
        yaml = strict(new ObjectMapper(yamlFactory));
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(LIMITS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return mapper;
    }

    /** Parses a request body by its media type into a JSON tree. */
    public JsonNode read(byte[] body, String contentType) {
        if (body == null || body.length == 0) {
            throw new InvalidRequestException("body-missing", "A request body is required");
        }
        if (body.length > maxBody) {
            throw new PayloadTooLargeException("body-too-large",
                    "The request body is larger than the limit of " + maxBody + " bytes");
        }
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        ObjectMapper mapper;
        String format;
        if (type.equals("application/json") || type.endsWith("+json")) {
            mapper = json;
            format = "JSON";
        } else if (YAML_TYPES.contains(type)) {
            mapper = yaml;
            format = "YAML";
        } else {
            throw new UnsupportedMediaTypeException("media-type-unsupported",
                    "Content-Type must be application/json or text/yaml");
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new InvalidRequestException("body-missing", "A request body is required");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("body-malformed", "Malformed " + format + " body: "
                    + e.getOriginalMessage() + location(e));
        } catch (IOException e) {
            throw new InvalidRequestException("body-malformed", "Unreadable " + format + " body");
        }
    }

    /** A response with a JSON tree as JSON, or as YAML when the client prefers it. */
    public Response.ResponseBuilder write(Response.ResponseBuilder response, JsonNode body, HttpHeaders request) {
        boolean asYaml = prefersYaml(request);
        try {
            String text = (asYaml ? yaml : json).writeValueAsString(body);
            return response.type(asYaml ? YAML + ";charset=utf-8" : MediaType.APPLICATION_JSON + ";charset=utf-8")
                    .entity(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not writable", e);
        }
    }

    private static boolean prefersYaml(HttpHeaders request) {
        if (request == null || request.getAcceptableMediaTypes().isEmpty()) {
            return false;
        }
        MediaType first = request.getAcceptableMediaTypes().get(0);
        return YAML_TYPES.contains((first.getType() + "/" + first.getSubtype()).toLowerCase(Locale.ROOT));
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
