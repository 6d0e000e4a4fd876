package io.tenfold.fhir.rest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.ws.rs.core.Response;

import io.tenfold.commons.error.ErrorMapper;
import io.tenfold.commons.error.OperationOutcomes;
import io.tenfold.fhir.storage.StoredResource;

/** How the API answers with a resource: its JSON as stored, with ETag, Last-Modified and, after a write, Location. */
final class FhirResponses {

    private FhirResponses() {
    }

    static Response read(StoredResource stored) {
        return Response.ok(stored.body(), ErrorMapper.FHIR_JSON)
                .header("ETag", stored.etag())
                .header("Last-Modified", httpDate(stored.lastUpdated()))
                .build();
    }

    static Response notModified(StoredResource stored) {
        return Response.notModified().header("ETag", stored.etag())
                .header("Last-Modified", httpDate(stored.lastUpdated())).build();
    }

    static Response written(String base, StoredResource stored, int status, Prefer prefer) {
        String location = base + "/" + stored.type() + "/" + stored.id() + "/_history/" + stored.version();
        Response.ResponseBuilder response = Response.status(status)
                .header("Location", location)
                .header("Content-Location", location)
                .header("ETag", stored.etag())
                .header("Last-Modified", httpDate(stored.lastUpdated()));
        return switch (prefer.returns()) {
            case MINIMAL -> response.build();
            case OPERATION_OUTCOME -> response.entity(information(stored.type() + "/" + stored.id() + " version "
                    + stored.version() + " stored")).type(ErrorMapper.FHIR_JSON).build();
            case REPRESENTATION -> response.entity(stored.body()).type(ErrorMapper.FHIR_JSON).build();
        };
    }

    static Response deleted(StoredResource deletion) {
        Response.ResponseBuilder response = Response.ok(information(deletion == null ? "Nothing to delete"
                : deletion.type() + "/" + deletion.id() + " deleted"), ErrorMapper.FHIR_JSON);
        if (deletion != null) {
            response.header("ETag", deletion.etag());
        }
        return response.build();
    }

    static Response bundle(String json) {
        return Response.ok(json, ErrorMapper.FHIR_JSON).build();
    }

    static String information(String diagnostics) {
        return OperationOutcomes.issue("information", "informational", null, diagnostics, java.util.List.of())
                .toString();
    }

    static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }
}
