package io.tenfold.fhir.rest;

import java.util.Locale;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.tenfold.commons.error.NotAcceptableException;
import io.tenfold.commons.error.UnsupportedMediaTypeException;

/**
 * The FHIR API speaks JSON: {@code application/fhir+json} and {@code application/json} in both directions
 * ({@code _format=json} too). XML is not served yet, and says so: asked for ({@code _format=xml}, an
 * {@code Accept} with only XML) it is a 406, sent it is a 415, both as OperationOutcomes.
 */
public class FormatFilter {

    @ServerRequestFilter(preMatching = true)
    public void checkFormat(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.contains("/smart-api")) {
            return;
        }
        String format = request.getUriInfo().getQueryParameters().getFirst("_format");
        if (format != null && !isJson(format.toLowerCase(Locale.ROOT))) {
            throw new NotAcceptableException("format-unsupported",
                    "_format=" + format + " is not served; this server answers application/fhir+json", "_format");
        }
        String accept = request.getHeaderString("Accept");
        if (format == null && accept != null && !acceptsJson(accept.toLowerCase(Locale.ROOT))) {
            throw new NotAcceptableException("format-unsupported",
                    "Accept: " + accept + " is not served; this server answers application/fhir+json");
        }
        String contentType = request.getHeaderString("Content-Type");
        if (contentType != null && request.hasEntity() && !readable(contentType.toLowerCase(Locale.ROOT))) {
            throw new UnsupportedMediaTypeException("content-type-unsupported",
                    "Content-Type " + contentType + " is not accepted; send application/fhir+json");
        }
    }

    private static boolean isJson(String format) {
        return format.equals("json") || format.startsWith("application/json")
                || format.startsWith("application/fhir+json");
    }

    private static boolean acceptsJson(String accept) {
        return accept.isBlank() || accept.contains("json") || accept.contains("*/*") || accept.contains("application/*");
    }

    private static boolean readable(String contentType) {
        return contentType.startsWith("application/fhir+json") || contentType.startsWith("application/json")
                || contentType.startsWith("application/json-patch+json")
                || contentType.startsWith("application/x-www-form-urlencoded");
    }
}
