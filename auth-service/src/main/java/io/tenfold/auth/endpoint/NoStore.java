package io.tenfold.auth.endpoint;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** OAuth responses carry tokens: never cached (RFC 6749 §5.1). */
final class NoStore {

    private NoStore() {
    }

    static Response ok(Object body) {
        return Response.ok(body).type(MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8"))
                .header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
