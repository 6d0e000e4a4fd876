package io.tenfold.commons.http;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.tenfold.commons.error.InvalidRequestException;
import io.tenfold.commons.error.PayloadTooLargeException;

/**
 * Refuses a body over {@code tenfold.http.max-body-size} by its Content-Length, before it is read, with an
 * OperationOutcome. Keep {@code quarkus.http.limits.max-body-size} (the HTTP layer's hard stop, which answers
 * without a body) above it; resources that read a body without a Content-Length check its size themselves.
 */
public class BodyLimitFilter {

    private final long limit;

    public BodyLimitFilter(HttpConfig config) {
        this.limit = config.maxBodySize().asLongValue();
    }

    @ServerRequestFilter(preMatching = true)
    public void refuseOversizedBody(ContainerRequestContext request) {
        String length = request.getHeaderString("Content-Length");
        if (length == null) {
            return;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("content-length-invalid", "Content-Length is not a number");
        }
        if (bytes > limit) {
            throw new PayloadTooLargeException("body-too-large",
                    "The request body is larger than the limit of " + limit + " bytes");
        }
    }
}
